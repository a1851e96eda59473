import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { count } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getCrop } from "@/app/media/crop/[ratio]/[...key]/route";
import { GET as getFile } from "@/app/media/[...key]/route";
import { media } from "@/db/schema";
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from "@/db/testing";
import type { Db } from "@/lib/db";
import { createUser, type CurrentUser } from "@/lib/auth/users";
import { writeBackup } from "@/lib/backup/archive";
import { MANIFEST_NAME, parseManifest } from "@/lib/backup/manifest";
import { archiveEntries } from "@/lib/backup/read-archive";
import { TarWriter } from "@/lib/backup/tar";
import { restoreArchive, RestoreRefusedError } from "@/lib/backup/restore";
import { errorResponse } from "@/lib/http/route";
import { startTestBucket, type TestBucket } from "@/lib/testing/object-storage";
import { copyUploads } from "./copy-to-bucket";
import { sniffImageType } from "./formats";
import { serveStoredFile } from "./serve-file";
import { diskStore, mediaStore, newStorageKey, objectStore } from "./storage";
import { StorageUnavailableError, type MediaStore } from "./store";
import { uploadImage } from "./upload";

// Uploads on an S3-compatible bucket (s3rver on loopback, started here): the real upload command
// stores the image and its WebP copies as objects and nothing on disk; the media routes serve them
// back (ETag, 304, ranges), make crops once into the bucket, answer 404 for a missing object and
// 503 with Retry-After while the bucket is away; an upload that fails leaves neither row nor
// object; `npm run media:to-s3`'s copy is idempotent and resumable.

let bucket: TestBucket;
let store: MediaStore;
let test: TestDatabase;
let writer: CurrentUser;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-s3-media-"));
const details = { alt: "A test card of coloured bars", caption: "", credit: "" };
const picture = (width = 2000, height = 1000) => sharp({ create: { width, height, channels: 3, background: { r: 30, g: 90, b: 160 } } }).jpeg().toBuffer();

const keyOf = (src: string) => src.replace(/^\/media\//, "");
const request = (src: string, headers: Record<string, string> = {}) => new Request(`http://127.0.0.1${src}`, { headers });
const serve = (src: string, headers?: Record<string, string>) => getFile(request(src, headers), { params: Promise.resolve({ key: keyOf(src).split("/") }) });
const mediaRows = async () => (await test.db.select({ n: count() }).from(media))[0]!.n;
const bucketKeys = async (of: MediaStore = store) => {
  const keys: string[] = [];
  for await (const object of of.list()) keys.push(object.key);
  return keys.sort();
};
/** A bucket on a port nothing listens on. */
const awayStore = () => objectStore({ ...bucket.settings, endpoint: "http://127.0.0.1:3627" });

beforeAll(async () => {
  bucket = await startTestBucket("meridian-test", ["meridian-restored"]);
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    S3_ENDPOINT: bucket.settings.endpoint,
    S3_BUCKET: bucket.settings.bucket,
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
  });
  store = mediaStore();
  test = await createTestDatabase();
  const user = await createUser({ email: "s3@test.test", name: "Writer", role: "writer", password: "a-long-test-password" });
  writer = { id: user.id, email: user.email, name: user.name, role: user.role };
});

afterAll(async () => {
  await test?.dispose();
  await bucket?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("uploads on object storage", () => {
  it("stores an upload and its WebP copies in the bucket, none on disk, and serves them through /media", async () => {
    expect(store.location).toContain("s3://meridian-test");
    const stored = await uploadImage(writer, { bytes: await picture(), name: "harbour.jpg" }, details);
    const keys = [keyOf(stored.src), ...stored.variants.map((variant) => keyOf(variant.src))];
    expect(stored.variants.map((variant) => variant.width)).toEqual([480, 960, 1600]);
    expect(await bucketKeys()).toEqual(expect.arrayContaining(keys));
    expect(fs.existsSync(path.join(dataDir, "uploads"))).toBe(false);

    const response = await serve(stored.src);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.equals((await store.read(keyOf(stored.src)))!)).toBe(true);
    expect(response.headers.get("content-length")).toBe(String(bytes.length));
    expect(sniffImageType(bytes)).toBe("jpeg");

    const etag = response.headers.get("etag")!;
    expect(etag).toMatch(/^"[a-f0-9]{32}"$/);
    const again = await serve(stored.src, { "If-None-Match": etag });
    expect(again.status).toBe(304);
    const part = await serve(stored.src, { Range: "bytes=0-9" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 0-9/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(0, 10))).toBe(true);
    expect((await serve(stored.src, { Range: `bytes=${bytes.length}-` })).status).toBe(416);

    for (const variant of stored.variants) {
      const served = await serve(variant.src);
      expect(served.headers.get("content-type")).toBe("image/webp");
      expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).width).toBe(variant.width);
    }
  });

  it("makes a crop once, into the bucket, where every instance finds it", async () => {
    const stored = await uploadImage(writer, { bytes: await picture(1600, 1200) }, details);
    const key = keyOf(stored.src);
    const cropKey = key.replace(/\.jpg$/, "-c16x9.jpg");
    expect(await store.head(cropKey)).toBeNull();
    const first = await getCrop(request(`/media/crop/16x9/${key}`), { params: Promise.resolve({ ratio: "16x9", key: key.split("/") }) });
    expect(first.status).toBe(200);
    const made = await store.head(cropKey);
    expect(made).not.toBeNull();
    // Another instance (its own client on the same bucket) is served the stored crop, not a new one.
    const other = objectStore(bucket.settings);
    const second = await getCrop(request(`/media/crop/16x9/${key}`), { params: Promise.resolve({ ratio: "16x9", key: key.split("/") }) });
    expect(Buffer.from(await second.arrayBuffer()).equals((await other.read(cropKey))!)).toBe(true);
    expect((await store.head(cropKey))!.etag).toBe(made!.etag);
    expect((await sharp((await other.read(cropKey))!).metadata()).width).toBe(1200);
  });

  it("answers 404 for a name nothing is stored under, and for one that is not a storage key", async () => {
    expect((await serve(`/media/${newStorageKey("jpg")}`)).status).toBe(404);
    expect((await serve("/media/2026/11/not-ours.jpg")).status).toBe(404);
    const missing = newStorageKey("png");
    expect((await getCrop(request(`/media/crop/1x1/${missing}`), { params: Promise.resolve({ ratio: "1x1", key: missing.split("/") }) })).status).toBe(404);
  });

  it("refuses an upload with 503 and Retry-After while the bucket is away, storing nothing", async () => {
    const rows = await mediaRows();
    const refused = await uploadImage(writer, { bytes: await picture() }, details, test.db, awayStore()).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StorageUnavailableError);
    const answer = errorResponse(refused);
    expect(answer.status).toBe(503);
    expect(answer.headers.get("retry-after")).toBe("10");
    expect(((await answer.json()) as { error: string }).error).toMatch(/storage is not answering.*nothing was stored/);
    expect(await mediaRows()).toBe(rows);

    // Reading while it is away: 503 too, never a 500.
    const away = await serveStoredFile(request("/media/x"), newStorageKey("jpg"), awayStore());
    expect(away.status).toBe(503);
    expect(away.headers.get("retry-after")).toBe("10");
    expect(await away.text()).toBe("The image storage is not answering just now. Try again in a few seconds.");
  });

  it("answers 503 for files and crops while the bucket is stopped, and serves them again when it is back", async () => {
    const stored = await uploadImage(writer, { bytes: await picture(1200, 900) }, details);
    const key = keyOf(stored.src);
    const crop = () => getCrop(request(`/media/crop/4x3/${key}`), { params: Promise.resolve({ ratio: "4x3", key: key.split("/") }) });
    await bucket.stop();
    try {
      for (const answer of [await serve(stored.src), await crop()]) {
        expect(answer.status).toBe(503);
        expect(answer.headers.get("retry-after")).toBe("10");
        expect(answer.headers.get("cache-control")).toBe("no-store");
      }
    } finally {
      await bucket.start();
    }
    expect((await serve(stored.src)).status).toBe(200);
    expect((await crop()).status).toBe(200);
  });

  it("removes the objects it wrote when the row cannot be written: no object without its row", async () => {
    const before = await bucketKeys();
    const rows = await mediaRows();
    const failing = { transaction: () => Promise.reject(new Error("the database went away")) } as unknown as Db;
    await expect(uploadImage(writer, { bytes: await picture() }, details, failing, store)).rejects.toThrow("the database went away");
    expect(await bucketKeys()).toEqual(before);
    expect(await mediaRows()).toBe(rows);
  });
});

describe("copying disk uploads to the bucket (npm run media:to-s3)", () => {
  it("copies what is missing, skips what is there, and a second run copies nothing", async () => {
    const disk = diskStore(path.join(dataDir, "old-site"));
    const target = objectStore({ ...bucket.settings });
    const keys = [newStorageKey("jpg"), newStorageKey("png"), newStorageKey("webp")];
    for (const [index, key] of keys.entries()) await disk.put(key, await picture(200 + index, 100));
    // One is there already (a run that stopped half-way), one is there with other bytes.
    await target.put(keys[0]!, (await disk.read(keys[0]!))!);
    await target.put(keys[1]!, Buffer.from("a stale copy"));
    const lines: string[] = [];

    const dry = await copyUploads(disk, target, { dryRun: true, log: (line) => lines.push(line) });
    expect(dry).toMatchObject({ found: 3, copied: 2, skipped: 1 });
    expect(await target.head(keys[2]!)).toBeNull();
    expect(lines.at(-1)).toMatch(/^Dry run: would copy 2 of 3 file\(s\)/);

    const first = await copyUploads(disk, target, { log: (line) => lines.push(line) });
    expect(first).toMatchObject({ found: 3, copied: 2, skipped: 1 });
    for (const key of keys) expect((await target.read(key))!.equals((await disk.read(key))!)).toBe(true);
    expect(lines.at(-1)).toMatch(/^Copied 2 of 3 file\(s\) .* to s3:\/\/meridian-test.*; 1 already there/);

    const second = await copyUploads(disk, target);
    expect(second).toMatchObject({ found: 3, copied: 0, skipped: 3, bytes: 0 });
  });

  it("is the command `npm run media:to-s3`: a second run copies nothing", async () => {
    const siteDir = path.join(dataDir, "command-site");
    const disk = diskStore(siteDir);
    const keys = [newStorageKey("jpg"), newStorageKey("gif")];
    for (const key of keys) await disk.put(key, randomBytes(2000));
    const run = () =>
      promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/media-to-s3.ts"], {
        env: { ...process.env, DATA_DIR: siteDir, LOG_LEVEL: "silent", NODE_NO_WARNINGS: "1" },
        timeout: 120_000,
      });
    expect((await run()).stdout).toMatch(/Done in [\d.]+ s: 2 found, 2 copied, 0 skipped\./);
    for (const key of keys) expect((await store.read(key))!.equals((await disk.read(key))!)).toBe(true);
    expect((await run()).stdout).toMatch(/Done in [\d.]+ s: 2 found, 0 copied, 2 skipped\./);
  });

  it("stops with the 503 error when the bucket is away, having copied nothing", async () => {
    const disk = diskStore(path.join(dataDir, "away-site"));
    await disk.put(newStorageKey("jpg"), await picture(120, 80));
    await expect(copyUploads(disk, awayStore())).rejects.toBeInstanceOf(StorageUnavailableError);
  });
});

describe("backup and restore of a site on a bucket", () => {
  let target: Awaited<ReturnType<typeof createEmptyDatabase>> | undefined;

  afterAll(async () => {
    await target?.dispose();
  });

  it("puts the bucket's objects in the archive, and a restore puts them into the target's bucket", async () => {
    await uploadImage(writer, { bytes: await picture() }, details);
    const archive = path.join(dataDir, "backup.tar.gz");
    const manifest = await writeBackup({ handle: test, store, via: "direct" }, fs.createWriteStream(archive));
    const keys = await bucketKeys();
    expect(keys.length).toBeGreaterThanOrEqual(4);
    expect(manifest.uploads.count).toBe(keys.length);
    expect(manifest.uploads.missing).toEqual([]);

    const restored = objectStore({ ...bucket.settings, bucket: "meridian-restored" });
    target = await createEmptyDatabase("s3_restore");
    const result = await restoreArchive({ handle: target, store: restored }, archive);
    expect(result.uploads).toBe(keys.length);
    expect(await bucketKeys(restored)).toEqual(keys);
    for (const key of keys.slice(0, 3)) expect((await restored.read(key))!.equals((await store.read(key))!)).toBe(true);
    // Now the bucket holds files: a second restore without --force is refused, saying so.
    await expect(restoreArchive({ handle: target, store: restored }, archive)).rejects.toThrow(RestoreRefusedError);
    await expect(restoreArchive({ handle: target, store: restored }, archive)).rejects.toThrow(/uploaded files/);

    // A later archive whose manifest lies about a row count fails to load, even with --force:
    // the object it brought is removed again, the objects the bucket had (its rows still name them) stay.
    const added = await uploadImage(writer, { bytes: await picture(300, 200) }, details);
    const later = path.join(dataDir, "later.tar.gz");
    await writeBackup({ handle: test, store, via: "direct" }, fs.createWriteStream(later));
    const lying = path.join(dataDir, "lying.tar.gz");
    const gzip = zlib.createGzip();
    const written = new Promise<void>((resolve) => gzip.pipe(fs.createWriteStream(lying)).on("finish", () => resolve()));
    const tar = new TarWriter(gzip);
    for await (const entry of archiveEntries(later)) {
      const changed = entry.name === MANIFEST_NAME ? parseManifest(entry.data) : null;
      if (changed) changed.tables.find((table) => table.name === "media")!.rows += 1;
      await tar.add(entry.name, changed ? Buffer.from(JSON.stringify(changed)) : entry.data, new Date());
    }
    await tar.finish();
    gzip.end();
    await written;
    await expect(restoreArchive({ handle: target, store: restored }, lying, { force: true })).rejects.toThrow(/media has \d+ rows after loading/);
    expect(await bucketKeys(restored)).toEqual(keys);
    expect(await restored.head(keyOf(added.src))).toBeNull();
  });
});
