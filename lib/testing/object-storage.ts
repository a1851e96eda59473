import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import type { ObjectStorageSettings } from "@/lib/env";

// An S3-compatible server of the tests' own (s3rver), on loopback, with its files in a temporary
// folder and empty buckets. The Vitest projects run at once, so each takes its own port.

export interface TestBucket {
  settings: ObjectStorageSettings;
  /** Stops the server, keeping its objects: the bucket is away. */
  stop(): Promise<void>;
  /** Starts it again on the same port, with the same objects. */
  start(): Promise<void>;
  /** Stops it and removes its objects. */
  close(): Promise<void>;
}

/** The test bucket's port: 3625 for the PGlite project, 3626 for the PostgreSQL one. */
const testBucketPort = () => (process.env.TEST_DB_DRIVER === "postgres" ? 3626 : 3625);

/** Starts the server with an empty bucket `bucket`, and one more for each of `others`. */
export async function startTestBucket(bucket = "meridian-test", others: string[] = []): Promise<TestBucket> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-s3rver-"));
  const port = testBucketPort();
  let server: S3rver | null = null;
  const start = async () => {
    server = new S3rver({ address: "127.0.0.1", port, directory, silent: true, configureBuckets: [bucket, ...others].map((name) => ({ name })) });
    await server.run();
  };
  const stop = async () => {
    if (!server) return;
    // The SDK keeps its connections open; close() would wait for them.
    server.httpServer.closeAllConnections();
    await server.close();
    server = null;
  };
  await start();
  return {
    settings: {
      endpoint: `http://127.0.0.1:${port}`,
      bucket,
      region: "us-east-1",
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
      forcePathStyle: true,
      publicBaseUrl: undefined,
    },
    stop,
    start,
    close: async () => {
      await stop();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
