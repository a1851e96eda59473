import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { authCookies } from "./options";
import { readSessionCookie } from "./session-token";
import { getActiveUser, type CurrentUser } from "./users";

// The signed-in person, checked against the database on every use: a disabled account, a role
// change or a password reset ends older sessions at once.

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await readSessionCookie((await cookies()).get(authCookies().sessionToken.name)?.value);
  return session ? getActiveUser(session.uid, session.sv) : null;
});

/**
 * For editor pages: the signed-in person, or a redirect to the sign-in page; with `can` (a
 * predicate of lib/auth/roles.ts), someone it does not allow goes back to the newsroom's front page.
 */
export async function requireUser(can?: (user: CurrentUser) => boolean, returnTo = "/editor"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/editor/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (can && !can(user)) redirect("/editor?denied=1");
  return user;
}
