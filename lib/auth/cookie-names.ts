import { env } from "@/lib/env";

// next-auth's cookie names, apart from next-auth itself: the HTTP server (scripts/serve.ts) reads
// the session cookie's name to leave the newsroom out of the view counter without loading next-auth.

/** next-auth's cookies, named here for the code that reads or writes them outside next-auth. */
export function authCookies(siteUrl = env().siteUrl) {
  const secure = siteUrl.startsWith("https://");
  const prefix = secure ? "__Secure-" : "";
  const options = { httpOnly: true, sameSite: "lax" as const, path: "/", secure };
  return {
    sessionToken: { name: `${prefix}next-auth.session-token`, options },
    callbackUrl: { name: `${prefix}next-auth.callback-url`, options },
  };
}

