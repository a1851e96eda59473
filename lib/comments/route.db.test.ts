import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createSection, createStory } from "@/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { env } from "@/lib/env";

// The comments route handler itself: the statuses and headers a client sees for limits and for
// a database that is away.

vi.mock("server-only", () => ({}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, unstable_cache: (fn: unknown) => fn }));
const route = await import("@/app/api/stories/[id]/comments/route");

let test: TestDatabase;
let storyId: number;

beforeAll(async () => {
  test = await createTestDatabase();
  const sectionId = await createSection(test.db, "news", "News");
  storyId = (await createStory(test.db, { sectionId, slug: "route-story" })).id;
});

afterAll(async () => {
  await test.dispose();
});

const post = (body: unknown, ip = "192.0.2.50") =>
  route.POST(
    new NextRequest(`http://localhost/api/stories/${storyId}/comments`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-meridian-client-ip": ip },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ id: String(storyId) }) },
  );

describe("POST /api/stories/:id/comments", () => {
  it("answers 429 with Retry-After once an address posts too often", async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= env().commentLimits.perAddress; i++) statuses.push((await post({ name: "Quick", body: `Post ${i}` })).status);
    expect(statuses.slice(0, -1).every((status) => status === 202)).toBe(true);
    const limited = await post({ name: "Quick", body: "One more" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("answers 503 with Retry-After, not 500, while the database is away", async () => {
    const outage = Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });
    const spy = vi.spyOn(test.db, "select").mockImplementation(() => {
      throw outage;
    });
    try {
      const response = await post({ name: "Patient", body: "Still here" }, "192.0.2.51");
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
    } finally {
      spy.mockRestore();
    }
  });
});
