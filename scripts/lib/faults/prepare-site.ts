// Prepares the site a fault test runs against, in a process of its own (scripts/fault-test.ts
// starts it once per database: the settings are read once per process, and PGlite's memory and
// lock go with it): migrates and seeds the demo edition into the empty database that
// DATABASE_URL or DATA_DIR names, makes an API token for the demo editor, and sends back what the
// load needs over the IPC channel.
import { and, asc, eq } from "drizzle-orm";
import { sections, stories } from "@/db/schema";
import { createApiToken } from "@/lib/auth/api-tokens";
import { installKeys, loadKeys } from "@/lib/auth/keys";
import { findUserByEmail } from "@/lib/auth/users";
import { env } from "@/lib/env";
import { fail } from "../cli";
import { openCheckedDatabase, prepareDatabase } from "../prepare-database";

export interface SiteFacts {
  /** The editor's API token (Authorization: Bearer). */
  token: string;
  /** A published story readers comment on, and its page. */
  commentStoryId: number;
  articlePath: string;
  /** A section's page, read uncached by the load through its `before` cursor. */
  sectionPath: string;
  /** The first section's id, where the load's new stories go. */
  sectionId: number;
}

try {
  if (!process.send) throw new Error("scripts/fault-test.ts starts this script.");
  installKeys(loadKeys(env().authSecret));
  await prepareDatabase({ seed: true, log: () => {} });
  const handle = await openCheckedDatabase();
  try {
    const { db } = handle;
    const editor = await findUserByEmail("editor@demo.test", db);
    if (!editor) throw new Error("The demo edition has no editor account: is SITE_URL a local address?");
    const [story] = await db
      .select({ id: stories.id, slug: stories.slug, section: sections.path, sectionId: sections.id })
      .from(stories)
      .innerJoin(sections, eq(sections.id, stories.sectionId))
      .where(and(eq(stories.status, "published"), eq(stories.commentsOpen, true)))
      .orderBy(asc(stories.id))
      .limit(1);
    if (!story) throw new Error("The demo edition has no published story open to comments");
    const owner = { id: editor.id, email: editor.email, name: editor.name, role: editor.role };
    const { token } = await createApiToken(owner, { name: "fault test", expiresInDays: 30 }, undefined, db);
    const facts: SiteFacts = {
      token,
      commentStoryId: story.id,
      articlePath: `/${story.section}/${story.slug}`,
      sectionPath: `/${story.section}`,
      sectionId: story.sectionId,
    };
    process.send(facts);
  } finally {
    await handle.close();
  }
  process.disconnect();
} catch (error) {
  fail(error);
}
