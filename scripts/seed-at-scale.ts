// npm run db:seed-at-scale -- --stories 100000 [--comments 10] [--force] – fills a PostgreSQL database (DATABASE_URL)
// with many generated published stories, to measure sitemaps, feeds and lists at archive scale.
// Migrates first; refuses a database that already has stories unless --force. Set-based SQL
// (INSERT … SELECT generate_series): 100,000 stories take seconds. Every text is generated
// ("Scale story 12345"); ~200 tags and ~50 authors; each story has 1–3 tags and 1–2 authors, and
// publication times spread evenly over ten years up to now, so the newest few dozen fall within
// the news sitemap's 48 hours and id order is publication order, as in a real archive. With
// --comments, about that many comments per story (a fifth of them replies, 1 in 50 pending).
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { env } from "@/lib/env";
import { fail, loadEnvFiles } from "./lib/cli";
import { openCheckedDatabase, prepareDatabase } from "./lib/prepare-database";
import { SCALE_AUTHORS, SCALE_TAGS, seedAtScale } from "./lib/seed-at-scale";

function readOptions(): { stories: number; force: boolean; comments: number } {
  const { values } = parseArgs({
    options: {
      stories: { type: "string", default: "100000" },
      comments: { type: "string", default: "0" },
      force: { type: "boolean", default: false },
    },
  });
  const stories = Number(values.stories);
  if (!Number.isInteger(stories) || stories < 1 || stories > 10_000_000) {
    throw new Error(`--stories must be a whole number from 1 to 10,000,000 (got ${values.stories})`);
  }
  const comments = Number(values.comments);
  if (!Number.isInteger(comments) || comments < 0 || comments > 100) {
    throw new Error(`--comments must be a whole number from 0 to 100 (got ${values.comments})`);
  }
  return { stories, force: values.force, comments };
}

loadEnvFiles();
try {
  const options = readOptions();
  if (!env().databaseUrl) throw new Error("Set DATABASE_URL to a PostgreSQL database: this seed is for measuring at scale, not for the embedded PGlite.");
  await prepareDatabase({ seed: false, log: console.log });
  const handle = await openCheckedDatabase();
  const started = Date.now();
  try {
    await seedAtScale(handle.db, options);
    await handle.db.execute(sql`analyze sections, stories, tags, authors, story_tags, story_authors, comments`);
    console.log(`Seeded ${options.stories} published stories (about ${options.comments} comments each), ${SCALE_TAGS} tags, ${SCALE_AUTHORS} authors in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await handle.close();
  }
} catch (error) {
  fail(error);
}
