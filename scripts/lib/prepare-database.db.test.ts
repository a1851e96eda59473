import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, inArray } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDemoAccounts, DemoAccountsOnPublicSiteError, demoAccounts } from "@/lib/demo/demo-accounts";
import { sections, settings, stories, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { loadKeys } from "@/lib/auth/keys";
import { parseEnv } from "@/lib/env";
import { prepareOpenDatabase } from "./prepare-database";

// What a start leaves in the database: the demo edition and its published accounts only on a
// local site, and nothing secret in the settings table.

let test: TestDatabase;
let dir: string;
const quiet = { log: () => {} };
const PUBLIC = "https://news.example.org";
const demoEmails = demoAccounts.map((account) => account.email);

beforeEach(async () => {
  test = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-prepare-"));
});

afterEach(async () => {
  await test.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

const settingsFor = (variables: Record<string, string>) => parseEnv({ DATA_DIR: path.join(dir, "data"), ...variables });

async function contents() {
  const [storyCount] = await test.db.select({ n: count() }).from(stories);
  const [sectionCount] = await test.db.select({ n: count() }).from(sections);
  const people = await test.db.select({ email: users.email, role: users.role }).from(users);
  return { stories: storyCount!.n, sections: sectionCount!.n, people };
}

describe("preparing the database on a public SITE_URL", () => {
  it("starts clean: the first admin with a password shown once, no demo stories, no demo accounts", async () => {
    const prepared = await prepareOpenDatabase(test, settingsFor({ SITE_URL: PUBLIC }), { seed: true, ...quiet });
    expect(prepared.newAdmin).toMatchObject({ email: "admin@localhost.test", password: expect.stringMatching(/^\w{20}$/) });
    expect(prepared.demoAccounts).toEqual([]);
    expect(await contents()).toEqual({ stories: 0, sections: 0, people: [{ email: "admin@localhost.test", role: "admin" }] });
  });

  it("with DEMO_CONTENT=1 seeds the demo stories, but never the accounts whose passwords are published", async () => {
    const prepared = await prepareOpenDatabase(test, settingsFor({ SITE_URL: PUBLIC, DEMO_CONTENT: "1" }), { seed: true, ...quiet });
    const seeded = await contents();
    expect(seeded.stories).toBeGreaterThan(20);
    expect(seeded.people.map((person) => person.email)).toEqual(["admin@localhost.test"]);
    expect(prepared.demoAccounts).toEqual([]);
  });

  it("refuses to serve while demo accounts exist", async () => {
    await createDemoAccounts(test.db);
    const refusal = await prepareOpenDatabase(test, settingsFor({ SITE_URL: PUBLIC }), { seed: true, serving: true, ...quiet }).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(DemoAccountsOnPublicSiteError);
  });
});

describe("preparing the database on a local SITE_URL", () => {
  it("seeds the demo edition and its accounts, and says so", async () => {
    const prepared = await prepareOpenDatabase(test, settingsFor({ SITE_URL: "http://127.0.0.1:3104" }), { seed: true, serving: true, ...quiet });
    const seeded = await contents();
    expect(seeded.stories).toBeGreaterThan(20);
    const demo = await test.db.select({ email: users.email }).from(users).where(inArray(users.email, demoEmails));
    expect(demo).toHaveLength(demoEmails.length);
    expect(prepared.demoAccounts).toEqual(demoEmails);
  });

  it("but not with DEMO_CONTENT=0", async () => {
    await prepareOpenDatabase(test, settingsFor({ DEMO_CONTENT: "0" }), { seed: true, ...quiet });
    expect(await contents()).toMatchObject({ stories: 0, sections: 0 });
  });
});

describe("keys", () => {
  it("leave nothing secret in the settings table; the session secret older versions kept there is deleted", async () => {
    await test.db.insert(settings).values({ key: "auth_secret", value: "an-old-secret-from-the-database-0123456789" });
    const place = settingsFor({ SITE_URL: PUBLIC, KEYS_FILE: path.join(dir, "keys.json") });
    const keys = loadKeys(undefined, place);
    await prepareOpenDatabase(test, place, { seed: true, serving: true, ...quiet });
    const rows = await test.db.select().from(settings);
    expect(rows.map((row) => row.key)).not.toContain("auth_secret");
    const stored = JSON.stringify(rows);
    const { secret } = JSON.parse(fs.readFileSync(path.join(dir, "keys.json"), "utf8"));
    for (const value of [keys.session, keys.commentHash, secret, "an-old-secret-from-the-database"]) expect(stored).not.toContain(value);
  });
});
