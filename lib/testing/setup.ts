import { vi } from "vitest";

// The mocks every Vitest file would otherwise repeat (vitest.config.ts runs this before each
// file). Outside a Next.js server there is no request and no cache: the `server-only` guard, which
// refuses to load outside React Server Components, is empty; cache invalidation does nothing and
// unstable_cache calls through; request headers come from a reader at 127.0.0.1 with no cookies;
// and the signed-in person is the one a test chose with signInAs() (lib/testing/signed-in.ts).
// Mocks only one file needs (argon2, next-auth, cache invalidation spies) stay in that file.

vi.mock("server-only", () => ({}));

vi.mock("next/cache", () => ({
  revalidatePath: () => {},
  revalidateTag: () => {},
  unstable_cache: (fn: unknown) => fn,
}));

vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-meridian-client-ip": "127.0.0.1" }),
  cookies: async () => ({ get: () => undefined, set: () => {}, delete: () => {} }),
}));

vi.mock("@/lib/auth/session", async () => {
  const { signedInUser } = await import("./signed-in");
  return { getCurrentUser: async () => signedInUser() };
});
