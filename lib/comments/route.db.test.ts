import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createSection, createStory } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { comments } from "@/db/schema";
import { env } from "@/lib/env";
import { issueFormToken } from "@/lib/comments/form-token";
import { saveCommentSettings } from "@/lib/comments/settings";
import * as route from "@/app/api/stories/[id]/comments/route";

// The comments route handler itself: the statuses and headers a client sees for limits and for
// a database that is away, the form token it must send, and the sender cookie it is given.

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

const post = (body: unknown, ip = "192.0.2.50", headers: Record<string, string> = {}, origin = "http://localhost") =>
  route.POST(
    new NextRequest(`${origin}/api/stories/${storyId}/comments`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-meridian-client-ip": ip, ...headers },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ id: String(storyId) }) },
  );

const postForm = (fields: Record<string, string>, ip: string) =>
  route.POST(
    new NextRequest(`http://localhost/api/stories/${storyId}/comments`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-meridian-client-ip": ip },
      body: new URLSearchParams(fields).toString(),
    }),
    { params: Promise.resolve({ id: String(storyId) }) },
  );

const COOKIE = /^meridian-commenter=([A-Za-z0-9_-]{43}); Path=\/api\/stories; Max-Age=\d{8}; HttpOnly; SameSite=Lax$/;
const ripeToken = () => issueFormToken(Date.now() - 10_000);

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

  it("holds a post that comes without a form token", async () => {
    await saveCommentSettings({ premoderation: "none", closeAfterDays: 14, blockedWords: [] });
    try {
      expect((await post({ name: "Bot", body: "Straight to the API" }, "192.0.2.60")).status).toBe(202);
      expect((await post({ name: "Person", body: "Through the form", formToken: ripeToken() }, "192.0.2.61")).status).toBe(201);
    } finally {
      await saveCommentSettings({ premoderation: "first-time", closeAfterDays: 14, blockedWords: [] });
    }
  });

  it("gives a sender without the cookie a secret of its own, and trusts only that cookie after an approval", async () => {
    const first = await post({ name: "Regular", body: "My first", formToken: ripeToken() }, "192.0.2.70");
    expect(first.status).toBe(202);
    const secret = COOKIE.exec(first.headers.get("set-cookie") ?? "")?.[1];
    expect(secret).toBeDefined();
    await test.db.update(comments).set({ status: "approved" }).where(eq(comments.id, (await first.json()).id));

    const again = await post({ name: "Regular", body: "My second", formToken: ripeToken() }, "192.0.2.71", { cookie: `meridian-commenter=${secret}` });
    expect(again.status).toBe(201);
    expect(again.headers.get("set-cookie")).toBeNull();
    const neighbour = await post({ name: "Neighbour", body: "Same office", formToken: ripeToken() }, "192.0.2.70");
    expect(neighbour.status).toBe(202);
  });

  it("sets the cookie on the plain form's redirect too, and marks it Secure over https", async () => {
    const redirect = await postForm({ name: "No script", body: "Plain form", formToken: ripeToken() }, "192.0.2.80");
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get("set-cookie")).toMatch(COOKIE);
    const secure = await post({ name: "Secure", body: "Over https" }, "192.0.2.81", {}, "https://localhost");
    expect(secure.headers.get("set-cookie")).toMatch(/; Secure$/);
  });
});
