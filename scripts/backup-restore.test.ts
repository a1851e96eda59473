import { execFile, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, openPglite, setProcessDatabase } from "@/db/client";
import { comments, media, sections, stories } from "@/db/schema";
import { createUser } from "@/lib/auth/users";
import { verifyArchive } from "@/lib/backup/read-archive";
import { BACKUP_PATH } from "@/lib/backup/endpoint";
import { postComment } from "@/lib/comments/commands";
import { issueFormToken } from "@/lib/comments/form-token";
import { saveCommentSettings } from "@/lib/comments/settings";
import { env } from "@/lib/env";
import { uploadImage } from "@/lib/media/upload";
import { createStory } from "@/lib/testing/fixtures";
import { buildApp, isBuildCurrent } from "./lib/build";
import { prepareOpenDatabase } from "./lib/prepare-database";
import { startAppServer, waitForPort } from "./lib/server.mjs";

// `npm run backup` and `npm run restore` as an operator runs them: the demo edition, a story with
// comments and an upload, served on the embedded database while readers read and post comments;
// the backup is asked of the running server (only it may open the database); the archive is
// restored into an empty data directory and compared with its manifest, table by table and file
// by file. Then what must be refused: a second restore into a full directory, a damaged archive.

const run = promisify(execFile);
const PORT = 3531;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-backup-script-"));
const sourceDir = path.join(work, "source");
const targetDir = path.join(work, "target");
const archive = path.join(work, "archives", "served.tar.gz");
const authSecret = randomBytes(32).toString("base64url");
const settingsFor = (dataDir: string) => ({ ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, AUTH_SECRET: authSecret, SITE_URL: `http://127.0.0.1:${PORT}`, TRUST_PROXY: "1" });
const script = (name: string, args: string[], dataDir: string) =>
  run(process.execPath, ["--import", "tsx", `scripts/${name}.ts`, ...args], { env: settingsFor(dataDir), timeout: 300_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

let server: ChildProcess | undefined;
let articlePaths: string[] = [];
let storyIds: number[] = [];
const fixture = { storyId: 0, uploadKey: "", commentIds: [] as number[] };

beforeAll(async () => {
  if (!isBuildCurrent()) expect(await buildApp()).toBe(true);
  process.env.DATA_DIR = sourceDir;
  const handle = openPglite(sourceDir);
  setProcessDatabase(handle);
  await prepareOpenDatabase(handle, { ...env(), siteUrl: `http://127.0.0.1:${PORT}`, siteIsLocal: true }, { seed: true, log: () => {} });
  const writer = await createUser({ email: "backup-script@test.test", name: "Writer", role: "writer", password: "a-long-test-password" });
  const bytes = await sharp({ create: { width: 900, height: 600, channels: 3, background: "#36c" } }).jpeg().toBuffer();
  const image = await uploadImage({ id: writer.id, email: writer.email, name: writer.name, role: writer.role }, { bytes, name: "bridge.jpg" }, { alt: "The bridge", caption: "", credit: "" });
  const [row] = await handle.db.select({ key: media.storageKey }).from(media).where(eq(media.id, image.id));
  const [section] = await handle.db.select({ id: sections.id }).from(sections).limit(1);
  const story = await createStory(handle.db, { sectionId: section!.id, slug: "backed-up-story", heroMediaId: image.id });
  await saveCommentSettings({ premoderation: "none", closeAfterDays: 3650, blockedWords: [] });
  const formToken = () => issueFormToken(Date.now() - 10_000);
  const first = await postComment(story.id, { name: "First", body: "A first comment", formToken: formToken() }, { ip: "10.7.0.1" });
  const reply = await postComment(story.id, { name: "Second", body: "A reply", parentId: first.comment.id, formToken: formToken() }, { ip: "10.7.0.2" });
  Object.assign(fixture, { storyId: story.id, uploadKey: row!.key, commentIds: [first.comment.id, reply.comment.id] });
  const published = await handle.db.execute(sql`select s.id, sec.path || '/' || s.slug as path from stories s join sections sec on sec.id = s.section_id where s.status = 'published'`);
  const rows = (published as unknown as { rows: { id: number; path: string }[] }).rows;
  articlePaths = rows.map((story) => `/${story.path}`);
  storyIds = rows.map((story) => story.id);
  await closeDatabase();
  server = startAppServer({ port: PORT, env: settingsFor(sourceDir), quiet: true });
  await waitForPort(PORT, 120_000);
}, 20 * 60_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((resolve) => server!.once("exit", resolve));
  }
  fs.rmSync(work, { recursive: true, force: true });
});

/** Readers reading articles and posting comments until stopped; the ids of comments answered 201/202. */
function readersAndCommenters(clients: number) {
  let running = true;
  const acknowledged: number[] = [];
  const answers: Record<number, number> = {};
  let sent = 0;
  const client = async () => {
    while (running) {
      const index = sent++;
      const read = await fetch(`http://127.0.0.1:${PORT}${articlePaths[index % articlePaths.length]}`);
      await read.arrayBuffer();
      answers[read.status] = (answers[read.status] ?? 0) + 1;
      const posted = await fetch(`http://127.0.0.1:${PORT}/api/stories/${storyIds[index % storyIds.length]}/comments`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Forwarded-For": `10.6.${Math.floor(index / 250) % 250}.${index % 250}` },
        body: JSON.stringify({ name: `Reader ${index}`, body: `Posted during the backup, ${index}` }),
      });
      answers[posted.status] = (answers[posted.status] ?? 0) + 1;
      const body = (await posted.json()) as { id?: number };
      if ((posted.status === 201 || posted.status === 202) && body.id) acknowledged.push(body.id);
    }
  };
  const all = Promise.all(Array.from({ length: clients }, client));
  return {
    acknowledged,
    answers,
    stop: async () => {
      running = false;
      await all;
    },
  };
}

describe("npm run backup and npm run restore", () => {
  it("answers a backup request without the token with 403, and any other method with 405", async () => {
    expect((await fetch(`http://127.0.0.1:${PORT}${BACKUP_PATH}`, { method: "POST", headers: { Authorization: "Bearer guessed" } })).status).toBe(403);
    expect((await fetch(`http://127.0.0.1:${PORT}${BACKUP_PATH}`)).status).toBe(405);
  });

  it("backs up the served embedded database while readers read and comment, and restores it into an empty directory", async () => {
    const load = readersAndCommenters(4);
    // Some answered comments before the backup starts, so the archive must hold them.
    while (load.acknowledged.length < 10) await new Promise((resolve) => setTimeout(resolve, 100));
    const before = [...load.acknowledged];
    const backup = await script("backup", ["--out", archive], sourceDir);
    await load.stop();
    expect(backup.stderr).toBe("");
    expect(backup.stdout).toMatch(/^Backup written to .*served\.tar\.gz: [\d.]+ MB, \d+ rows in \d+ tables and \d+ uploaded files .*made by the running server, checked/);
    expect(load.answers[500]).toBeUndefined();

    const manifest = await verifyArchive(archive);
    expect(manifest.source).toEqual({ kind: "pglite", via: "server" });
    const rowsOf = (table: string) => manifest.tables.find((entry) => entry.name === table)!.rows;
    expect(rowsOf("stories")).toBeGreaterThan(24);
    expect(rowsOf("comments")).toBeGreaterThanOrEqual(before.length + fixture.commentIds.length);

    const restored = await script("restore", [archive], targetDir);
    expect(restored.stderr).toBe("");
    expect(restored.stdout).toMatch(/^Restored .* row counts and checksums as in its manifest/);

    const handle = openPglite(targetDir);
    try {
      for (const table of manifest.tables) {
        const result = (await handle.db.execute(sql.raw(`select count(*)::int as n from "${table.name}"`))) as unknown as { rows: { n: number }[] };
        expect([table.name, result.rows[0]!.n]).toEqual([table.name, table.rows]);
      }
      const ids = (await handle.db.select({ id: comments.id }).from(comments)).map((row) => row.id);
      expect(ids).toEqual(expect.arrayContaining([...before, ...fixture.commentIds]));
      const [story] = await handle.db.select({ hero: media.storageKey }).from(stories).innerJoin(media, eq(media.id, stories.heroMediaId)).where(eq(stories.id, fixture.storyId));
      expect(story?.hero).toBe(fixture.uploadKey);
    } finally {
      await handle.close();
    }
    const uploads = Object.keys(manifest.files).filter((name) => name.startsWith("uploads/"));
    expect(uploads).toContain(`uploads/${fixture.uploadKey}`);
    for (const name of uploads) expect(sha256(fs.readFileSync(path.join(targetDir, name)))).toBe(manifest.files[name]!.sha256);
  }, 600_000);

  it("refuses to restore into a directory that is not empty, and a damaged archive", async () => {
    const again = await script("restore", [archive], targetDir);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toMatch(/^Error: The target is not empty: it holds .*stories.*--force/);

    const damaged = path.join(work, "damaged.tar.gz");
    const bytes = fs.readFileSync(archive);
    fs.writeFileSync(damaged, bytes.subarray(0, bytes.length - 1000));
    const refused = await script("restore", [damaged, "--force"], targetDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toMatch(/^Error: .*damaged\.tar\.gz is not a complete backup archive/);
  }, 300_000);

  it("backs up an embedded database no server holds by opening it itself", async () => {
    const direct = await script("backup", ["--out", path.join(work, "archives")], targetDir);
    expect(direct.stdout).toMatch(/meridian-.*\.tar\.gz: .*read from the embedded database, checked/);
  }, 300_000);
});
