import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, openInstances, type TestDatabase } from "@/db/testing";
import { ACCOUNT_FAILURES_ALLOWED, accountBlockMs, recordSignInFailure, signInRetryAfter } from "@/lib/auth/sign-in-throttle";
import { postComment } from "@/lib/comments/commands";
import { issueFormToken } from "@/lib/comments/form-token";
import { saveCommentSettings } from "@/lib/comments/settings";
import { env } from "@/lib/env";
import { RateLimitError } from "@/lib/errors";
import { createSection, createStory } from "@/lib/testing/fixtures";
import { incrementCounter, readCounter } from "./store";

// The counters behind sign-in throttling and comment rate limits live in the database so that
// every instance counts into the same numbers: several instances counting at once lose no
// increment, and a limit holds exactly, whichever instance each request reaches.

const INSTANCES = 4;
let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});

afterAll(async () => {
  await test.dispose();
});

/** `count` calls spread over the instances in turn, all at once. */
function spread<T>(instances: { db: TestDatabase["db"] }[], count: number, run: (db: TestDatabase["db"], n: number) => Promise<T>): Promise<PromiseSettledResult<T>[]> {
  return Promise.allSettled(Array.from({ length: count }, (_, n) => run(instances[n % instances.length]!.db, n)));
}

describe(`counters shared by ${INSTANCES} instances counting at once`, () => {
  it("lose no increment: each count is handed out once", async () => {
    const { instances, close } = openInstances(test, INSTANCES);
    try {
      const results = await spread(instances, 100, (db) => incrementCounter("shared:test", 60_000, () => null, db));
      const counts = results.map((result) => (result.status === "fulfilled" ? result.value.count : -1));
      expect(counts.toSorted((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, n) => n + 1));
      expect((await readCounter("shared:test"))?.count).toBe(100);
    } finally {
      await close();
    }
  });

  it("throttle sign-in for the failures counted everywhere, with the longest block they earned", async () => {
    const failures = ACCOUNT_FAILURES_ALLOWED + 3;
    const { instances, close } = openInstances(test, INSTANCES);
    try {
      await spread(instances, failures, (db) => recordSignInFailure("target@example.org", "198.51.100.7", db));
      // Asked on any instance, the same answer: blocked for the block of the last failure.
      for (const instance of instances) {
        const wait = await signInRetryAfter("target@example.org", "198.51.100.7", instance.db);
        expect(wait).toBeGreaterThan(accountBlockMs(failures - 1)! / 1000);
        expect(wait).toBeLessThanOrEqual(accountBlockMs(failures)! / 1000);
      }
    } finally {
      await close();
    }
  });

  it("let exactly the allowed number of comments through from one address", async () => {
    const sectionId = await createSection(test.db, "news", "News");
    const storyId = (await createStory(test.db, { sectionId, slug: "much-discussed" })).id;
    await saveCommentSettings({ premoderation: "first-time", closeAfterDays: 14, blockedWords: [] });
    const allowed = env().commentLimits.perAddress;
    const { instances, close } = openInstances(test, INSTANCES);
    try {
      const results = await spread(instances, allowed * 3, (db, n) =>
        postComment(storyId, { name: "Reader", body: `Comment number ${n}`, formToken: issueFormToken(Date.now() - 10_000) }, { ip: "203.0.113.9" }, db),
      );
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(allowed);
      const refused = results.filter((result) => result.status === "rejected");
      expect(refused.every((result) => result.reason instanceof RateLimitError)).toBe(true);
    } finally {
      await close();
    }
  });
});
