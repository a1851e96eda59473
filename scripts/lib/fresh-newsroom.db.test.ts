import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { authors, sections, stories, users } from "@/db/schema";
import { addPerson } from "@/lib/auth/people";
import { findUserByEmail } from "@/lib/auth/users";
import { getPublishedAuthor } from "@/lib/authors/queries";
import { createSection } from "@/lib/sections/commands";
import { createStory } from "@/lib/stories/commands";
import { getPublishedArticle } from "@/lib/stories/queries";
import { publishStory, submitForReview } from "@/lib/stories/workflow";
import { asCurrent, documentOf } from "@/lib/testing/fixtures";
import { prepareOpenDatabase } from "./prepare-database";

// A newsroom that starts clean (a public SITE_URL, DEMO_CONTENT=0) needs nothing from the demo
// edition: the start makes the first admin with a byline of their own, the admin makes a section
// and a writer, and stories filed with no byline chosen carry their writer's and get published.

let test: TestDatabase;
let dataDir: string;
const lines: string[] = [];

const rows = async (table: typeof sections | typeof stories | typeof authors | typeof users) => (await test.db.select({ n: count() }).from(table))[0]!.n;

beforeAll(async () => {
  test = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-fresh-"));
  const settings = {
    siteUrl: "https://news.example.org",
    siteIsLocal: false,
    demoContent: "never" as const,
    dataDir,
    adminEmail: "chief@news.example.org",
    adminPassword: "a-long-admin-password",
  };
  await prepareOpenDatabase(test, settings, { seed: true, serving: true, log: (line) => lines.push(line) });
});

afterAll(async () => {
  await test.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("a newsroom started without the demo edition", () => {
  it("has the first admin and their byline, and nothing else", async () => {
    expect(lines).toContain("Demo edition not seeded: DEMO_CONTENT=0");
    expect([await rows(sections), await rows(stories), await rows(users), await rows(authors)]).toEqual([0, 0, 1, 1]);
    const admin = await findUserByEmail("chief@news.example.org", test.db);
    const [byline] = await test.db.select().from(authors);
    expect(byline).toMatchObject({ userId: admin!.id, name: "Administrator", slug: "administrator" });
  });

  it("lets the admin make a section, a writer file a story under their own byline, and the admin publish it", async () => {
    const admin = asCurrent((await findUserByEmail("chief@news.example.org", test.db))!);
    const section = await createSection({ ...admin, ip: "127.0.0.1" }, { name: "Harbour", slug: "" }, test.db);
    expect(section.path).toBe("harbour");

    const writer = asCurrent(await addPerson(admin, { name: "Ines Duarte", email: "ines@news.example.org", role: "writer", password: "a-long-writer-password" }, "127.0.0.1", test.db));
    const filed = await createStory(writer, { headline: "The night ferry returns", sectionId: section.id, body: documentOf("It sails at nine.") }, test.db);
    await submitForReview(writer, filed.id, test.db);
    await publishStory(admin, filed.id, test.db);

    const article = await getPublishedArticle(filed.id, test.db);
    expect(article?.bylines).toEqual([{ name: "Ines Duarte", slug: "ines-duarte", title: "" }]);
    expect((await getPublishedAuthor("ines-duarte", test.db))?.name).toBe("Ines Duarte");
  });

  it("lets the admin file and publish a story of their own, under their own byline", async () => {
    const admin = asCurrent((await findUserByEmail("chief@news.example.org", test.db))!);
    const [section] = await test.db.select({ id: sections.id }).from(sections);
    const own = await createStory(admin, { headline: "A note from the editor", sectionId: section!.id, body: documentOf("Welcome.") }, test.db);
    await publishStory(admin, own.id, test.db);
    expect((await getPublishedArticle(own.id, test.db))?.bylines.map((byline) => byline.slug)).toEqual(["administrator"]);
  });
});
