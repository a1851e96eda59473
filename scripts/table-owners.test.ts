import fs from "node:fs";
import path from "node:path";
import { is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import * as schema from "@/db/schema";

// DESIGN.md: a read may join any domain's tables, but a write goes through the owning domain's
// commands. This reads every domain module for inserts, updates and deletes and checks each
// table is written by its owner only. The demo edition (a domain script that builds a whole
// newsroom) and the test harnesses are exempt.

const owners: Record<string, string> = {
  auditLog: "audit",
  accountLinks: "auth",
  apiTokens: "auth",
  users: "auth",
  comments: "comments",
  liveShows: "live",
  liveStreams: "live",
  media: "media",
  rateLimits: "rate-limits",
  searchWords: "search",
  redirects: "routing",
  sections: "sections",
  settings: "settings",
  corrections: "stories",
  previewLinks: "stories",
  relatedStories: "stories",
  stories: "stories",
  storyAuthors: "stories",
  storyNotes: "stories",
  storyPresence: "stories",
  storyRevisions: "stories",
  storyTags: "stories",
  storyViews: "analytics",
  tags: "stories",
  authors: "authors",
  oldPaths: "import",
  importSources: "import",
};

const root = path.resolve(import.meta.dirname, "..");
const exempt = /^lib\/(demo|boundary|testing)\/|\.test\.ts$/;
const tables = new Set(Object.entries(schema).filter(([, value]) => is(value, PgTable)).map(([name]) => name));

function domainFiles(): string[] {
  const dir = path.join(root, "lib");
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map((file) => path.posix.join("lib", file.split(path.sep).join("/")))
    .filter((file) => file.endsWith(".ts") && !exempt.test(file));
}

/** Every `.insert(table)`, `.update(table)` and `.delete(table)` in `source`, by table name. */
function writesIn(source: string): string[] {
  return [...source.matchAll(/\.(?:insert|update|delete)\(\s*([A-Za-z]+)\s*\)/g)].map((match) => match[1]!).filter((name) => tables.has(name));
}

describe("table owners", () => {
  it("names an owner for every table in the schema", () => {
    expect([...tables].filter((table) => !(table in owners))).toEqual([]);
  });

  it("finds writes in code, so the check below can fail", () => {
    expect(writesIn("await tx.insert(redirects).values(x); db.update(stories).set({}); hash.update(token);")).toEqual(["redirects", "stories"]);
  });

  it("lets only the owning domain write each table", () => {
    const strays = domainFiles().flatMap((file) => {
      const domain = file.split("/")[1];
      return writesIn(fs.readFileSync(path.join(root, file), "utf8"))
        .filter((table) => owners[table] !== domain)
        .map((table) => `${file} writes ${table} (owned by lib/${owners[table]})`);
    });
    expect(strays).toEqual([]);
  });
});
