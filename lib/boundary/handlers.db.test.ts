import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { commentHandlerSuite } from "./comment-handlers";
import { deskHandlerSuite } from "./desk-handlers";
import { newsroomHandlerSuite } from "./newsroom-handlers";
import { storyHandlerSuite } from "./story-handlers";
import { createWorld } from "./world";

// Every route handler and server action, sent what an attacker would (property-based, with
// fast-check): each answers 2xx, 3xx or 4xx — never a 500, never a thrown error — and a refused
// input leaves the tables as they were. One database and one small newsroom serve every suite.
//
// Route handlers: app/api/admin/stories (POST), /:id (GET, PATCH), /:id/:action (POST), /search
// (GET); app/api/admin/media (GET, POST); app/api/admin/live (GET), /streams/:id (PATCH),
// /streams/:id/shows (POST), /shows/:id (DELETE); app/api/live (GET), /:slug (GET);
// app/api/stories/:id/comments (GET, POST as JSON and as a form); app/api/comments/token (GET);
// app/api/auth/callback/credentials (POST); app/media/[...key] (GET).
// Server actions: sections (create, update, move), people (add, role, disable, reset password),
// account (password, create token, revoke token), comments (moderate, settings), live (stream,
// add show, delete show), revisions (restore).

// argon2 is slow on purpose; what is tested here is everything around it.
vi.mock("@/lib/auth/passwords", async (original) => {
  const real = await original<typeof import("@/lib/auth/passwords")>();
  const { createHash } = await import("node:crypto");
  const fake = (password: string) => `sha256:${createHash("sha256").update(password).digest("hex")}`;
  return { ...real, hashPassword: async (password: string) => fake(password), verifyPassword: async (hash: string | null, password: string) => hash === fake(password) };
});
// next-auth itself needs a live Next.js request scope. In its place, what it does with a
// credentials sign-in: the form's fields go to our authorize().
vi.mock("next-auth", () => ({
  default: async (request: Request, _context: unknown, options: { providers: { options?: { authorize?: (fields: unknown, request: unknown) => Promise<unknown> } }[] }) => {
    const fields = Object.fromEntries(new URLSearchParams(await request.text()));
    const user = await options.providers[0]!.options!.authorize!(fields, { headers: Object.fromEntries(request.headers) });
    return Response.json({ ok: Boolean(user) }, { status: user ? 200 : 401 });
  },
}));

let test: TestDatabase;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-boundary-"));

beforeAll(async () => {
  process.env.DATA_DIR = dataDir;
  test = await createTestDatabase();
  await createWorld(test.db, "boundary");
});

afterAll(async () => {
  await test.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

storyHandlerSuite();
commentHandlerSuite();
newsroomHandlerSuite();
deskHandlerSuite();
