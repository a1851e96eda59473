import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, openInstances, type TestDatabase } from "@/db/testing";
import { asCurrent } from "@/lib/testing/fixtures";
import { changeRole, setDisabled } from "./people";
import { createSessionCookie, readSessionCookie } from "./session-token";
import { createUser, getActiveUser, type CurrentUser } from "./users";

// A session is a next-auth JWT cookie: any instance with the same AUTH_SECRET reads it. What an
// instance keeps in its memory (the decoded cookies of lib/auth/session-token.ts) is only the
// decoding: whether the account may still use the session is read from the database on every
// request. So a role change or a disabled account made on one instance ends the session on
// every other at once, even where its cookie was decoded a moment before.

let test: TestDatabase;
let admin: CurrentUser;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ??= "a-test-secret-of-at-least-32-characters";
  test = await createTestDatabase();
  admin = asCurrent(await createUser({ email: "admin@sessions.test", name: "Ada Admin", role: "admin", password: "a-long-test-password" }));
});

afterAll(async () => {
  await test.dispose();
});

/** The person a request on `db` would see signed in with `cookie` (lib/auth/session.ts's getCurrentUser). */
async function signedInWith(cookie: string, db: TestDatabase["db"]) {
  const session = await readSessionCookie(cookie);
  return session ? getActiveUser(session.uid, session.sv, db) : null;
}

describe("a session on several instances", () => {
  it.each([
    ["demoted", (id: number, db: TestDatabase["db"]) => changeRole(admin, id, "writer", "192.0.2.1", db)],
    ["disabled", (id: number, db: TestDatabase["db"]) => setDisabled(admin, id, true, "192.0.2.1", db)],
  ])("works on any instance, and ends on all of them at once when the person is %s on one", async (change, apply) => {
    const editor = await createUser({ email: `${change}@sessions.test`, name: "Eddie Editor", role: "editor", password: "a-long-test-password" });
    const { value } = await createSessionCookie(editor);
    const { instances, close } = openInstances(test, 2);
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    try {
      // Signed in on A and on B; A has the cookie decoded in its memory now.
      expect(await signedInWith(value, a.db)).toMatchObject({ id: editor.id, role: "editor" });
      expect(await signedInWith(value, b.db)).toMatchObject({ id: editor.id, role: "editor" });
      await apply(editor.id, b.db);
      expect(await signedInWith(value, a.db)).toBeNull();
      expect(await signedInWith(value, b.db)).toBeNull();
    } finally {
      await close();
    }
  });
});
