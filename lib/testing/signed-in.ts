import type { CurrentUser } from "@/lib/auth/users";

// Who a test is signed in as. lib/testing/setup.ts makes getCurrentUser() answer with this person
// in every Vitest file: there is no next-auth session cookie outside a request. Nobody until a
// test says otherwise.

let signedIn: CurrentUser | null = null;

/** Signs the test in as `user` (null: signed out) for every later getCurrentUser(). */
export function signInAs(user: CurrentUser | null): void {
  signedIn = user;
}

/** The person the test signed in as. */
export function signedInUser(): CurrentUser | null {
  return signedIn;
}
