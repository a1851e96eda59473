import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { authCookies } from "./cookie-names";
import { readSessionCookie } from "./session-token";
import { mustSetUpTwoFactor } from "./two-factor";
import { getActiveUser, type CurrentUser } from "./users";

// The signed-in person, checked against the database on every use: a disabled account, a role
// change or a password reset ends older sessions at once.

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await readSessionCookie((await cookies()).get(authCookies().sessionToken.name)?.value);
  return session ? getActiveUser(session.uid, session.sv) : null;
});

/** Where an admin whom REQUIRE_2FA holds to two-factor sign-in goes before anything else. */
export const TWO_FACTOR_SETUP_PATH = "/editor/two-factor";

/**
 * For editor pages: the signed-in person, or a redirect to the sign-in page; with `can` (a
 * predicate of lib/auth/roles.ts), someone it does not allow goes back to the newsroom's front page.
 * An admin who must set up two-factor sign-in (REQUIRE_2FA) is sent to do that first.
 */
export async function requireUser(can?: (user: CurrentUser) => boolean, returnTo = "/editor"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/editor/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (await mustSetUpTwoFactor(user)) redirect(TWO_FACTOR_SETUP_PATH);
  if (can && !can(user)) redirect("/editor?denied=1");
  return user;
}
