import fs from "node:fs";
import path from "node:path";
import { asc, eq, isNotNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { authors, users } from "@/db/schema";
import { createUser } from "@/lib/auth/users";

// Migration 0009 gives every account of an existing newsroom its own author profile, as new
// accounts get one (lib/authors/accounts.ts). Its block is run again here on accounts made
// without one (createUser alone makes none), beside a contributor whose slug a name would take.

let test: TestDatabase;

const backfill = () => {
  const file = fs.readFileSync(path.join(process.cwd(), "db/migrations/0009_author_accounts.sql"), "utf8");
  return file.slice(file.indexOf("DO $$"));
};

beforeAll(async () => {
  test = await createTestDatabase();
});

afterAll(async () => {
  await test.dispose();
});

it("makes one profile per account without one, with unique slugs, and leaves the rest alone", async () => {
  const password = "a-long-test-password";
  await test.db.insert(authors).values({ slug: "sam-lee", name: "Sam Lee, contributor" });
  const first = await createUser({ email: "sam1@test.test", name: "Sam Lee", role: "writer", password });
  const second = await createUser({ email: "sam2@test.test", name: "Sam Lee", role: "editor", password });
  const other = await createUser({ email: "li@test.test", name: "李雷", role: "writer", password });
  const linked = await createUser({ email: "kim@test.test", name: "Kim Ode", role: "writer", password });
  await test.db.insert(authors).values({ slug: "kim-o", name: "Kim O.", userId: linked.id });

  await test.db.execute(sql.raw(backfill()));
  await test.db.execute(sql.raw(backfill()));

  const profiles = await test.db
    .select({ userId: authors.userId, slug: authors.slug, name: authors.name })
    .from(authors)
    .innerJoin(users, eq(users.id, authors.userId))
    .where(isNotNull(authors.userId))
    .orderBy(asc(authors.userId));
  expect(profiles).toEqual([
    { userId: first.id, slug: "sam-lee-2", name: "Sam Lee" },
    { userId: second.id, slug: "sam-lee-3", name: "Sam Lee" },
    { userId: other.id, slug: "author", name: "李雷" },
    { userId: linked.id, slug: "kim-o", name: "Kim O." },
  ]);
});
