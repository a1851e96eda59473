import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import type { ObjectStorageSettings } from "@/lib/env";

// An S3-compatible server of the tests' own (s3rver), on loopback, with its files in a temporary
// folder and one empty bucket. The Vitest projects run at once, so each takes its own port.

export interface TestBucket {
  settings: ObjectStorageSettings;
  /** Where s3rver keeps the bucket's objects. */
  directory: string;
  close(): Promise<void>;
}

/** The test bucket's port: 3625 for the PGlite project, 3626 for the PostgreSQL one. */
export const testBucketPort = () => (process.env.TEST_DB_DRIVER === "postgres" ? 3626 : 3625);

/** Starts the server with an empty bucket `bucket`, and one more for each of `others`. */
export async function startTestBucket(bucket = "meridian-test", others: string[] = []): Promise<TestBucket> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-s3rver-"));
  const server = new S3rver({ address: "127.0.0.1", port: testBucketPort(), directory, silent: true, configureBuckets: [bucket, ...others].map((name) => ({ name })) });
  const { port } = await server.run();
  return {
    settings: {
      endpoint: `http://127.0.0.1:${port}`,
      bucket,
      region: "us-east-1",
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
      forcePathStyle: true,
      publicBaseUrl: undefined,
    },
    directory,
    close: async () => {
      // The SDK keeps its connections open; close() would wait for them.
      server.httpServer.closeAllConnections();
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
