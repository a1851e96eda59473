import { describe, expect, it, vi } from "vitest";
import { type CommentFields, CommentFormController, UNREACHABLE } from "./comment-form-controller";

// The comment form's protocol with a fake fetch and storage: a fresh token, the remembered name,
// one idempotency key per comment (the same one on a retry), and every answer shown as it should be.

const FIELDS: CommentFields = { name: " Ada ", email: "", body: "Well put.", website: "", formToken: "page-token" };

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

function setup(answer: () => Promise<Response> = () => Promise.resolve(json(201, {})), saved: string | null = null) {
  const stored = new Map<string, string>(saved === null ? [] : [["meridian.commenter-name", saved]]);
  const storage = {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => void stored.set(key, value),
    removeItem: (key: string) => void stored.delete(key),
  };
  const posts: Record<string, unknown>[] = [];
  const fetch = vi.fn((url: string, init?: RequestInit) => {
    if (url === "/api/comments/token") return Promise.resolve(json(200, { token: "fresh-token" }));
    posts.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
    return answer();
  });
  let keys = 0;
  const form = new CommentFormController(7, "page-token", { fetch, storage, newKey: () => `key-${++keys}` });
  return { form, fetch, posts, stored };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the comment form", () => {
  it("fetches a fresh form token when it appears, and answers the remembered name", async () => {
    const { form } = setup(undefined, "Ada");
    expect(form.getState().token).toBe("page-token");
    expect(form.start()).toBe("Ada");
    await flush();
    expect(form.getState().token).toBe("fresh-token");
    expect(setup().form.start()).toBeNull();
  });

  it.each([
    [true, "Ada"],
    [false, undefined],
  ])("remembers the name (asked: %s) as %j", async (remember, kept) => {
    const { form, stored } = setup(undefined, "Old name");
    form.start();
    await form.submit(FIELDS, remember);
    expect(stored.get("meridian.commenter-name")).toBe(kept);
  });

  it.each([
    [201, "published"],
    [202, "held"],
  ] as const)("answers %i as %s, ends the reply and takes a new key for the next comment", async (status, kind) => {
    const { form, posts } = setup(() => Promise.resolve(json(status, {})));
    form.start();
    form.replyTo({ id: 3, name: "Grace" });
    expect(await form.submit(FIELDS, false)).toBe(true);
    expect(form.getState()).toMatchObject({ result: { kind }, replyTo: null });
    await form.submit(FIELDS, false);
    expect(posts).toEqual([
      { ...FIELDS, parentId: 3, idempotencyKey: "key-1" },
      { ...FIELDS, idempotencyKey: "key-2" },
    ]);
  });

  it.each([
    ["field errors from the site", json(422, { error: "Check the fields.", fieldErrors: { body: "Write a comment." } }), "Check the fields.", { body: "Write a comment." }],
    ["an answer without a body", new Response("oops", { status: 503 }), "Your comment was not posted (503).", {}],
  ])("shows %s, keeps the reply and the key for a retry", async (_, response, message, fields) => {
    const { form, posts } = setup(() => Promise.resolve(response));
    form.start();
    form.replyTo({ id: 3, name: "Grace" });
    expect(await form.submit(FIELDS, false)).toBe(false);
    expect(form.getState()).toMatchObject({ result: { kind: "error", message, fields }, replyTo: { id: 3 } });
    await form.submit(FIELDS, false);
    expect(posts.map((post) => post.idempotencyKey)).toEqual(["key-1", "key-1"]);
  });

  it("says the site could not be reached when the post fails, and is sending meanwhile", async () => {
    const { form } = setup(() => Promise.reject(new TypeError("Failed to fetch")));
    form.start();
    const kinds: string[] = [];
    form.subscribe(() => kinds.push(form.getState().result.kind));
    await form.submit(FIELDS, false);
    expect(kinds).toEqual(["sending", "error"]);
    expect(form.getState().result).toEqual({ kind: "error", message: UNREACHABLE, fields: {} });
  });
});
