import type { S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import type { ObjectStorageSettings } from "@/lib/env";
import { log } from "@/lib/log";
import { assertStorageKey, mimeTypeOf, StorageUnavailableError, type ByteRange, type MediaStore, type StoredObject, type StoredObjectInfo } from "./store";
import { storageKeyPattern } from "./urls";

// Uploads in an S3-compatible bucket (Amazon S3, MinIO, Garage, s3rver in the tests). The client
// is loaded on first use, so a server on local disk never loads it and one on a bucket pays for it
// at its first image, not at start. A PUT is atomic (readers meet the old object or the new one);
// an object the bucket does not have reads as null; a bucket that does not answer in time (or
// refuses the key) is a StorageUnavailableError — 503 with Retry-After, never a 500.

type Sdk = typeof import("@aws-sdk/client-s3");

/** Each object is stored with the headers a CDN or a browser needs when it is served from the bucket. */
const IMMUTABLE = "public, max-age=31536000, immutable";

const isMissing = (error: unknown) => {
  const failure = error as Partial<S3ServiceException>;
  return failure.name === "NoSuchKey" || failure.name === "NotFound" || failure.$metadata?.httpStatusCode === 404;
};

export class S3Store implements MediaStore {
  readonly location: string;
  private client: Promise<{ sdk: Sdk; s3: S3Client }> | undefined;

  constructor(private readonly settings: ObjectStorageSettings) {
    this.location = `s3://${settings.bucket}${settings.endpoint ? ` at ${settings.endpoint}` : ""}`;
  }

  private connect() {
    this.client ??= import("@aws-sdk/client-s3").then((sdk) => ({
      sdk,
      s3: new sdk.S3Client({
        endpoint: this.settings.endpoint,
        region: this.settings.region,
        forcePathStyle: this.settings.forcePathStyle,
        credentials: this.settings.credentials,
        // An upload waits seconds, not minutes, for a bucket that is away, and is then refused.
        maxAttempts: 2,
        requestHandler: { connectionTimeout: 3000, requestTimeout: 20_000 },
        // Checksums only where S3 requires them: S3-compatible servers do not all know the newer headers.
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
      }),
    }));
    return this.client;
  }

  /** Runs one request; a missing object is null, any other failure a StorageUnavailableError. */
  private async send<T>(what: string, run: (sdk: Sdk, s3: S3Client) => Promise<T>): Promise<T | null> {
    const { sdk, s3 } = await this.connect();
    try {
      return await run(sdk, s3);
    } catch (error) {
      if (isMissing(error)) return null;
      log.warn({ err: error, bucket: this.settings.bucket, what }, "object storage unavailable");
      throw new StorageUnavailableError();
    }
  }

  async put(key: string, data: Buffer): Promise<void> {
    assertStorageKey(key);
    await this.send(`put ${key}`, (sdk, s3) =>
      s3.send(new sdk.PutObjectCommand({ Bucket: this.settings.bucket, Key: key, Body: data, ContentLength: data.length, ContentType: mimeTypeOf(key) ?? undefined, CacheControl: IMMUTABLE })),
    );
  }

  async head(key: string): Promise<StoredObjectInfo | null> {
    assertStorageKey(key);
    const found = await this.send(`head ${key}`, (sdk, s3) => s3.send(new sdk.HeadObjectCommand({ Bucket: this.settings.bucket, Key: key })));
    return found && { key, size: found.ContentLength ?? 0, etag: found.ETag ?? '""' };
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject | null> {
    assertStorageKey(key);
    const found = await this.send(`get ${key}`, (sdk, s3) =>
      s3.send(new sdk.GetObjectCommand({ Bucket: this.settings.bucket, Key: key, Range: range && `bytes=${range.start}-${range.end}` })),
    );
    if (!found?.Body) return null;
    // The whole object's size: the Content-Range's total when a range was sent.
    const total = range ? Number(/\/(\d+)$/.exec(found.ContentRange ?? "")?.[1] ?? NaN) : (found.ContentLength ?? 0);
    return { key, size: total, etag: found.ETag ?? '""', range, body: found.Body.transformToWebStream() };
  }

  async read(key: string): Promise<Buffer | null> {
    assertStorageKey(key);
    return this.send(`read ${key}`, async (sdk, s3) => {
      const found = await s3.send(new sdk.GetObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      return found.Body ? Buffer.from(await found.Body.transformToByteArray()) : null;
    });
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    await this.send(`delete ${key}`, (sdk, s3) => s3.send(new sdk.DeleteObjectCommand({ Bucket: this.settings.bucket, Key: key })));
  }

  async *list(): AsyncIterable<StoredObjectInfo> {
    for (let token: string | undefined, more = true; more; ) {
      const page = await this.send("list", (sdk, s3) => s3.send(new sdk.ListObjectsV2Command({ Bucket: this.settings.bucket, ContinuationToken: token })));
      for (const object of page?.Contents ?? []) {
        if (object.Key && storageKeyPattern.test(object.Key)) yield { key: object.Key, size: object.Size ?? 0, etag: object.ETag ?? '""' };
      }
      token = page?.NextContinuationToken;
      more = Boolean(page?.IsTruncated && token);
    }
  }
}
