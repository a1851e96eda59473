// Prepares one corpus of `npm run bench` (scripts/bench.ts starts it as a child, one per
// configuration: the settings are read once per process, and PGlite's memory goes with it).
// A fresh database — the PGlite data directory emptied, or the PostgreSQL database (BENCH_DATABASE_URL)
// dropped and made again — gets the demo edition, then BENCH_STORIES generated stories with about
// BENCH_COMMENTS comments each (scripts/lib/seed-at-scale.ts), is analyzed, and the child sends back
// what the loads need (CorpusFacts) over the IPC channel.
import fs from "node:fs";
import { and, asc, desc, eq, like, sql } from "drizzle-orm";
import postgres from "postgres";
import { comments, sections, stories } from "@/db/schema";
import { createApiToken } from "@/lib/auth/api-tokens";
import { installKeys, loadKeys } from "@/lib/auth/keys";
import { createSessionCookie } from "@/lib/auth/session-token";
import { findUserByEmail } from "@/lib/auth/users";
import { seedStories } from "@/lib/demo/content/stories";
import { env } from "@/lib/env";
import { fail } from "../cli";
import { openCheckedDatabase, prepareDatabase } from "../prepare-database";
import { seedAtScale } from "../seed-at-scale";

export interface CorpusFacts {
  /** The demo edition's first article: the cached-article load and the static server's bytes. */
  articlePath: string;
  /** Generated articles in a fixed shuffled order, for the uncached-article load (each asked for once). */
  uncachedPaths: string[];
  /** Every section's page before each generated story (?before=), in a fixed shuffled order: uncached list pages. */
  uncachedSectionPaths: string[];
  /** A section page, and the same section's page 90% of the way down its stories (?before=). */
  sectionPath: string;
  deepSectionPath: string;
  /** A published story to post comments on. */
  commentStoryId: number;
  /** The demo editor's API token and newsroom session cookie. */
  token: string;
  cookie: string;
  /** Words that match some generated headlines, for the searches. */
  query: string;
  /** Comments in the corpus. */
  comments: number;
}

const SECTION = "news/us";
const UNCACHED_PATHS = 5000;

async function freshDatabase(): Promise<void> {
  const { databaseUrl, dataDir } = env();
  if (!databaseUrl) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    return;
  }
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1).replace(/"/g, '""');
  url.pathname = "/postgres";
  const admin = postgres(url.href, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
}

async function facts(): Promise<CorpusFacts> {
  const handle = await openCheckedDatabase();
  const db = handle.db;
  try {
    const path = sql<string>`'/' || ${sections.path} || '/' || ${stories.slug}`;
    const generated = await db
      .select({ path })
      .from(stories)
      .innerJoin(sections, eq(sections.id, stories.sectionId))
      .where(like(stories.slug, "scale-story-%"))
      .orderBy(sql`md5(${stories.slug})`)
      .limit(UNCACHED_PATHS);
    const sectionPages = await db
      .select({ path: sql<string>`'/' || ${sections.path} || '?before=' || ${stories.id}` })
      .from(stories)
      .innerJoin(sections, eq(sections.id, stories.sectionId))
      .where(like(stories.slug, "scale-story-%"))
      .orderBy(sql`md5(${stories.slug} || 'list')`)
      .limit(UNCACHED_PATHS);
    const inSection = and(eq(sections.path, SECTION), eq(stories.status, "published"));
    const [{ n } = { n: 0 }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(stories)
      .innerJoin(sections, eq(sections.id, stories.sectionId))
      .where(inSection);
    const [deep] = await db
      .select({ id: stories.id })
      .from(stories)
      .innerJoin(sections, eq(sections.id, stories.sectionId))
      .where(inSection)
      .orderBy(desc(stories.publishedAt), desc(stories.id))
      .offset(Math.floor(n * 0.9))
      .limit(1);
    const [commentCount] = await db.select({ n: sql<number>`count(*)::int` }).from(comments);
    const first = seedStories[0]!;
    const [story] = await db.select({ id: stories.id }).from(stories).where(eq(stories.slug, first.slug)).orderBy(asc(stories.id)).limit(1);
    const editor = await findUserByEmail("editor@demo.test", db);
    if (!editor || !story || !deep) throw new Error("The corpus lacks the demo editor, the demo article or a section page to go deep in");
    const owner = { id: editor.id, email: editor.email, name: editor.name, role: editor.role };
    const { token } = await createApiToken(owner, { name: "bench", expiresInDays: 30 }, undefined, db);
    const session = await createSessionCookie({ id: editor.id, email: editor.email, name: editor.name, sessionVersion: editor.sessionVersion });
    return {
      articlePath: `/${first.section}/${first.slug}`,
      uncachedPaths: generated.map((row) => row.path),
      uncachedSectionPaths: sectionPages.map((row) => row.path),
      sectionPath: `/${SECTION}`,
      deepSectionPath: `/${SECTION}?before=${deep.id}`,
      commentStoryId: story.id,
      token,
      cookie: `${session.name}=${session.value}`,
      // Words of one demo story only: as many matches at 1,000 stories as at 100,000, so the
      // search's own cost is compared (a word in every tenth headline costs more to rank).
      query: "ferry service",
      comments: commentCount?.n ?? 0,
    };
  } finally {
    await handle.close();
  }
}

try {
  if (!process.send) throw new Error("scripts/bench.ts starts this script.");
  const count = Number(process.env.BENCH_STORIES);
  const perStory = Number(process.env.BENCH_COMMENTS ?? 10);
  installKeys(loadKeys(env().authSecret));
  await freshDatabase();
  await prepareDatabase({ seed: true, log: () => {} });
  const handle = await openCheckedDatabase();
  try {
    await seedAtScale(handle.db, { stories: count, force: true, comments: perStory });
    await handle.db.execute(sql`analyze`);
  } finally {
    await handle.close();
  }
  const found = await facts();
  process.send(found, () => process.exit(0));
} catch (error) {
  fail(error);
}
