import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSection, createStory } from "@/lib/testing/fixtures";
import { comments, rateLimits } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { ConflictError } from "@/lib/errors";
import { postComment } from "./commands";
import { issueFormToken } from "./form-token";
import { keyedHash } from "./hashing";
import { saveCommentSettings } from "./settings";

// Who a comment comes from: trust ("returning commenter") and idempotency keys follow the
// sender's own secret (the comments cookie), never an address or an e-mail anyone can type.

let test: TestDatabase;
let storyId: number;
let ipCounter = 0;
const ip = () => `10.2.${Math.floor(ipCounter / 250)}.${ipCounter++ % 250}`;

beforeAll(async () => {
  test = await createTestDatabase();
  const sectionId = await createSection(test.db, "news", "News");
  storyId = (await createStory(test.db, { sectionId, slug: "senders-story" })).id;
});

afterAll(async () => {
  await test.dispose();
});

beforeEach(async () => {
  await saveCommentSettings({ premoderation: "first-time", closeAfterDays: 14, blockedWords: [] });
  await test.db.delete(rateLimits).where(eq(rateLimits.key, `comment:story:${storyId}`));
});

/** A post from a form shown ten seconds ago, so only the sender decides whether it waits. */
const post = (input: Record<string, unknown>, context: { ip: string; sender?: string }) =>
  postComment(storyId, { name: "Reader", body: `Comment ${Math.random()}`, formToken: issueFormToken(Date.now() - 10_000), ...input }, context);

const approve = (id: number) => test.db.update(comments).set({ status: "approved", approvedAt: new Date() }).where(eq(comments.id, id));

describe("first-time commenters are recognised by their own secret", () => {
  it("holds a second sender from the same address, with no e-mail, after the first one's comment was approved", async () => {
    const office = ip();
    const first = await post({}, { ip: office });
    expect(first.status).toBe(202);
    await approve(first.comment.id);
    const colleague = await post({}, { ip: office });
    expect(colleague.status).toBe(202);
    expect(colleague.sender).not.toBe(first.sender);
  });

  it("publishes the same sender (the same cookie) once a comment of theirs was approved, from any address", async () => {
    const first = await post({}, { ip: ip() });
    const [row] = await test.db.select({ senderHash: comments.senderHash }).from(comments).where(eq(comments.id, first.comment.id));
    expect(row?.senderHash).toBe(keyedHash("sender", first.sender));
    await approve(first.comment.id);
    const again = await post({}, { ip: ip(), sender: first.sender });
    expect(again.status).toBe(201);
    expect(again.sender).toBe(first.sender);
  });

  it("holds another sender typing the approved commenter's e-mail", async () => {
    const regular = await post({ email: "regular@example.org" }, { ip: ip() });
    await approve(regular.comment.id);
    const impostor = await post({ email: "REGULAR@example.org" }, { ip: ip() });
    expect(impostor.status).toBe(202);
  });

  it("treats an unreadable cookie as none and hands out a new secret", async () => {
    const posted = await post({}, { ip: ip(), sender: "not a secret;" });
    expect(posted.status).toBe(202);
    expect(posted.sender).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe("idempotency keys belong to their sender", () => {
  it("gives another sender reusing a key a comment of its own, never the first one", async () => {
    const office = ip();
    const first = await post({ idempotencyKey: "shared-key-0001", body: "Mine." }, { ip: office });
    const neighbour = await post({ idempotencyKey: "shared-key-0001", body: "Theirs." }, { ip: office, sender: (await post({}, { ip: ip() })).sender });
    expect(neighbour.comment.id).not.toBe(first.comment.id);
    expect(neighbour.comment.body).toBe("Theirs.");
    const elsewhere = await post({ idempotencyKey: "shared-key-0001", body: "Mine." }, { ip: ip() });
    expect(elsewhere.comment.id).not.toBe(first.comment.id);
  });

  it.each([
    { change: "body", edit: { body: "Something else entirely." } },
    { change: "name", edit: { name: "Someone Else" } },
    { change: "e-mail", edit: { email: "other@example.org" } },
  ])("answers 409 when the same sender sends the key again with another $change, and stores nothing", async ({ edit }) => {
    const key = `edit-key-${Math.random().toString(36).slice(2, 10)}`;
    const address = ip();
    const first = await post({ idempotencyKey: key, body: "The first text." }, { ip: address });
    const reused = await post({ idempotencyKey: key, body: "The first text.", ...edit }, { ip: address, sender: first.sender }).catch((e) => e);
    expect(reused).toBeInstanceOf(ConflictError);
    expect((reused as ConflictError).message).toMatch(/idempotency key/i);
    const cookieless = await post({ idempotencyKey: key, body: "The first text.", ...edit }, { ip: address }).catch((e) => e);
    expect(cookieless).toBeInstanceOf(ConflictError);
    expect(await test.db.$count(comments, like(comments.idempotencyKey, `%:${key}`))).toBe(1);
  });

  it("returns the first comment exactly once to a true retry, with or without the cookie it was given", async () => {
    const address = ip();
    const input = { idempotencyKey: "true-retry-0001", body: "Sent over a bad line.", email: "line@example.org" };
    const first = await post(input, { ip: address });
    const withoutCookie = await post(input, { ip: address });
    const withCookie = await post(input, { ip: address, sender: first.sender });
    expect([withoutCookie.comment.id, withCookie.comment.id]).toEqual([first.comment.id, first.comment.id]);
    expect(await test.db.$count(comments, like(comments.idempotencyKey, "%:true-retry-0001"))).toBe(1);
  });

  it("returns a sender's retry that comes from another address", async () => {
    const { sender } = await post({}, { ip: ip() });
    const first = await post({ idempotencyKey: "roaming-key-0001", body: "On the train." }, { ip: ip(), sender });
    const retry = await post({ idempotencyKey: "roaming-key-0001", body: "On the train." }, { ip: ip(), sender });
    expect(retry.comment.id).toBe(first.comment.id);
  });
});
