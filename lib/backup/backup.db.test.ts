import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import sharp from "sharp";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { comments, media, stories } from "@/db/schema";
import { committedMigrations } from "@/db/migrate";
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from "@/db/testing";
import { createUser } from "@/lib/auth/users";
import { RateLimitError } from "@/lib/errors";
import { postComment } from "@/lib/comments/commands";
import { issueFormToken } from "@/lib/comments/form-token";
import { saveCommentSettings } from "@/lib/comments/settings";
import { seedDemoEdition } from "@/lib/demo/demo-edition";
import { uploadImage } from "@/lib/media/upload";
import { getPublishedArticle } from "@/lib/stories/queries";
import { writeBackup } from "./archive";
import { BackupArchiveError, MANIFEST_NAME, parseManifest, type Manifest } from "./manifest";
import { archiveEntries, verifyArchive } from "./read-archive";
import { restoreArchive, RestoreRefusedError } from "./restore";
import { TarWriter } from "./tar";
import { diskStore } from "@/lib/media/storage";

// A backup made while comments are posted and articles read, restored into an empty database
// (PGlite, or a new database on the TEST_DATABASE_URL server), compared table by table and file by
// file; then a damaged, a cut, a lying and a too-new archive, and a target that is not empty.

const onServer = process.env.TEST_DB_DRIVER === "postgres";
const work = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-backup-"));
const sourceDir = path.join(work, "source");
const targetDir = path.join(work, "target");
const archive = path.join(work, "backup.tar.gz");
let source: TestDatabase;
let target: Awaited<ReturnType<typeof createEmptyDatabase>>;
let manifest: Manifest;
/** Comments whose post had been answered before the backup began. */
let acknowledgedBefore: number[] = [];
let upload: { id: number; key: string };
let commentedStory: number;


const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

async function tableCounts(handle: DbHandle, tables: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const result: unknown = await handle.db.execute(sql.raw(`select count(*)::int as n from "${table}"`));
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[];
    counts[table] = rows[0]!.n;
  }
  return counts;
}

/** The archive again with its manifest changed by `change` (a lying or too-new archive). */
async function rewrittenArchive(change: (manifest: Manifest) => void): Promise<string> {
  const file = path.join(work, `rewritten-${randomBytes(3).toString("hex")}.tar.gz`);
  const gzip = zlib.createGzip();
  const done = new Promise<void>((resolve) => gzip.pipe(fs.createWriteStream(file)).on("finish", () => resolve()));
  const tar = new TarWriter(gzip);
  for await (const entry of archiveEntries(archive)) {
    let data = entry.data;
    if (entry.name === MANIFEST_NAME) {
      const changed = parseManifest(data);
      change(changed);
      data = Buffer.from(JSON.stringify(changed));
    }
    await tar.add(entry.name, data, new Date());
  }
  await tar.finish();
  gzip.end();
  await done;
  return file;
}

beforeAll(async () => {
  process.env.DATA_DIR = sourceDir;
  source = await createTestDatabase();
  await seedDemoEdition(source, { store: diskStore(sourceDir) });
  await saveCommentSettings({ premoderation: "none", closeAfterDays: 3650, blockedWords: [] });
  const writer = await createUser({ email: "backup-writer@test.test", name: "Writer", role: "writer", password: "a-long-test-password" });
  const bytes = await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#2a6" } }).jpeg().toBuffer();
  const stored = await uploadImage({ id: writer.id, email: writer.email, name: writer.name, role: writer.role }, { bytes, name: "harbour.jpg" }, { alt: "The harbour at dawn", caption: "", credit: "" });
  const [row] = await source.db.select({ key: media.storageKey }).from(media).where(eq(media.id, stored.id));
  upload = { id: stored.id, key: row!.key };
  target = await createEmptyDatabase("b15_restore");
}, 180_000);

afterAll(async () => {
  await target?.dispose();
  await source.dispose();
  fs.rmSync(work, { recursive: true, force: true });
});

describe("backup and restore", () => {
  it("round-trips the demo edition, a commented story and an upload, made while comments are posted and articles read", async () => {
    const published = await source.db.select({ id: stories.id }).from(stories).where(eq(stories.status, "published"));
    commentedStory = published[0]!.id;
    let sent = 0;
    const post = async () => {
      const story = published[sent % published.length]!;
      const ip = `10.9.${Math.floor(sent / 250)}.${sent++ % 250}`;
      const posted = await postComment(story.id, { name: "Reader", body: `Comment ${sent} during the backup`, formToken: issueFormToken(Date.now() - 10_000) }, { ip });
      return posted.comment.id;
    };
    const acknowledged: number[] = [];
    for (let index = 0; index < 5; index++) acknowledged.push(await post());
    const reply = await postComment(commentedStory, { name: "Replier", body: "A reply", parentId: acknowledged[0], formToken: issueFormToken(Date.now() - 10_000) }, { ip: "10.8.0.1" });
    acknowledged.push(reply.comment.id);
    acknowledgedBefore = [...acknowledged];

    let running = true;
    const load = (async () => {
      while (running) {
        // Let I/O run between posts: on PGlite a post can finish without ever leaving the microtask queue.
        await new Promise((resolve) => setImmediate(resolve));
        // A 429 is an answer too (the per-story limit), just not an acknowledged comment.
        const id = await post().catch((error: unknown) => {
          if (error instanceof RateLimitError) return null;
          throw error;
        });
        if (id !== null) acknowledged.push(id);
        await getPublishedArticle(published[sent % published.length]!.id);
      }
    })();
    manifest = await writeBackup({ handle: source, store: diskStore(sourceDir), via: "direct" }, fs.createWriteStream(archive));
    running = false;
    await load;

    expect(manifest.source.kind).toBe(onServer ? "postgres" : "pglite");
    expect(manifest.schema.migrations).toEqual(committedMigrations().map((migration) => migration.hash));
    expect(manifest.schema.last).toBe(committedMigrations().at(-1)!.tag);
    expect(manifest.uploads.missing).toEqual([]);
    expect(manifest.files[`uploads/${upload.key}`]!.sha256).toBe(sha256(fs.readFileSync(path.join(sourceDir, "uploads", upload.key))));
    const commentRows = manifest.tables.find((table) => table.name === "comments")!.rows;
    expect(commentRows).toBeGreaterThanOrEqual(acknowledgedBefore.length);
    expect(commentRows).toBeLessThanOrEqual(acknowledged.length);
    expect(await verifyArchive(archive)).toEqual(manifest);

    const result = await restoreArchive({ handle: target, store: diskStore(targetDir) }, archive);
    const tables = manifest.tables.map((table) => table.name);
    expect(await tableCounts(target, tables)).toEqual(Object.fromEntries(manifest.tables.map((table) => [table.name, table.rows])));
    expect(result.rows).toBe(manifest.tables.reduce((sum, table) => sum + table.rows, 0));
    expect(manifest.tables.find((table) => table.name === "stories")!.rows).toBeGreaterThanOrEqual(24);

    // Every file, byte for byte; and the comments answered before the backup, the reply under its comment.
    const restoredFiles = Object.keys(manifest.files).filter((name) => name.startsWith("uploads/"));
    expect(restoredFiles.length).toBeGreaterThan(24);
    for (const name of restoredFiles) expect(sha256(fs.readFileSync(path.join(targetDir, name)))).toBe(manifest.files[name]!.sha256);
    const restoredComments = await target.db.select({ id: comments.id, parentId: comments.parentId }).from(comments);
    expect(restoredComments.map((row) => row.id)).toEqual(expect.arrayContaining(acknowledgedBefore));
    expect(restoredComments.find((row) => row.id === reply.comment.id)?.parentId).toBe(acknowledgedBefore[0]);
    const [image] = await target.db.select({ key: media.storageKey }).from(media).where(eq(media.id, upload.id));
    expect(image?.key).toBe(upload.key);

    // Sequences carry on after the restored ids.
    const [story] = await target.db.select({ id: stories.id }).from(stories).limit(1);
    const [added] = await target.db.insert(comments).values({ storyId: story!.id, authorName: "After", body: "After the restore", status: "approved" }).returning({ id: comments.id });
    expect(added!.id).toBeGreaterThan(Math.max(...restoredComments.map((row) => row.id)));
  }, 240_000);

  it("refuses a target that is not empty, and replaces it with --force", async () => {
    await expect(restoreArchive({ handle: target, store: diskStore(targetDir) }, archive)).rejects.toThrow(RestoreRefusedError);
    await expect(restoreArchive({ handle: target, store: diskStore(targetDir) }, archive)).rejects.toThrow(/not empty: it holds .*stories.*uploaded files.*--force/);
    const result = await restoreArchive({ handle: target, store: diskStore(targetDir) }, archive, { force: true });
    expect(result.replacedUploads).toMatch(/uploads\.replaced-/);
    const [comment] = await target.db.select({ n: count() }).from(comments);
    expect(comment!.n).toBe(manifest.tables.find((table) => table.name === "comments")!.rows);
  }, 120_000);

  it("refuses a damaged or cut archive before touching the target", async () => {
    const bytes = fs.readFileSync(archive);
    const damaged = path.join(work, "damaged.tar.gz");
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)]! ^= 0xff;
    fs.writeFileSync(damaged, flipped);
    const cut = path.join(work, "cut.tar.gz");
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    const before = await tableCounts(target, ["comments", "stories"]);
    await expect(restoreArchive({ handle: target, store: diskStore(targetDir) }, damaged, { force: true })).rejects.toThrow(BackupArchiveError);
    await expect(restoreArchive({ handle: target, store: diskStore(targetDir) }, cut, { force: true })).rejects.toThrow(/not a complete backup archive: it ends in the middle \(truncated\)/);
    expect(await tableCounts(target, ["comments", "stories"])).toEqual(before);
  });

  it("rolls everything back when the rows loaded do not match the manifest, even with --force", async () => {
    const lying = await rewrittenArchive((changed) => {
      changed.tables.find((table) => table.name === "comments")!.rows += 1;
    });
    const before = await tableCounts(target, ["comments", "stories", "media"]);
    const files = fs.readdirSync(path.join(targetDir, "uploads"), { recursive: true }).length;
    await expect(restoreArchive({ handle: target, store: diskStore(targetDir) }, lying, { force: true })).rejects.toThrow(/comments has \d+ rows after loading; the manifest says/);
    expect(await tableCounts(target, ["comments", "stories", "media"])).toEqual(before);
    expect(fs.readdirSync(path.join(targetDir, "uploads"), { recursive: true }).length).toBe(files);
    expect(fs.readdirSync(targetDir).filter((name) => name.includes("restoring"))).toEqual([]);
  }, 120_000);

  it("refuses an archive made by a newer version of the schema", async () => {
    const newer = await rewrittenArchive((changed) => {
      changed.schema.migrations.push("f".repeat(64));
      changed.schema.last = "9999_from_the_future";
    });
    await expect(restoreArchive({ handle: target, store: diskStore(targetDir) }, newer, { force: true })).rejects.toThrow(/9999_from_the_future.*Restore it with the version that made it/);
  }, 60_000);
});
