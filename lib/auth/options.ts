import type { AuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/log";
import { env } from "@/lib/env";
import { logError } from "@/lib/log";
import { clientIpFromHeaders } from "./client-ip";
import { verifyPassword } from "./passwords";
import { recordSignInFailure, recordSignInSuccess } from "./sign-in-throttle";
import { findUserByEmail, recordSignIn } from "./users";

// next-auth (v4) with e-mail and password. Sessions are JWTs in an HttpOnly, SameSite=Lax cookie
// (Secure when SITE_URL is https); every use is checked against the database (lib/auth/session.ts),
// so disabling or demoting someone ends their session at once.

const credentialsSchema = z.object({ email: z.string().max(200), password: z.string().max(200) });

export type SignInOutcome = { ok: true; user: { id: number; email: string; name: string; sessionVersion: number } } | { ok: false };

/** Checks e-mail and password; unknown e-mail, wrong password and disabled account look the same. */
export async function checkCredentials(input: unknown, ip: string): Promise<SignInOutcome> {
  const parsed = credentialsSchema.safeParse(input);
  const email = parsed.success ? parsed.data.email.trim().toLowerCase() : "";
  const user = email ? await findUserByEmail(email) : undefined;
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, parsed.success ? parsed.data.password : "");
  if (!user || !passwordOk || user.disabledAt) {
    await recordSignInFailure(email, ip);
    await recordAudit({ actorId: user?.id ?? null, action: "auth.sign_in_failed", details: { email }, ip });
    return { ok: false };
  }
  await recordSignInSuccess(email, ip);
  await recordSignIn(user.id);
  await recordAudit({ actorId: user.id, action: "auth.sign_in", targetType: "user", targetId: user.id, ip });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}

export function authOptions(siteUrl = env().siteUrl): AuthOptions {
  return {
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 12 * 3600 },
    useSecureCookies: siteUrl.startsWith("https://"),
    pages: { signIn: "/editor/sign-in", error: "/editor/sign-in" },
    // Its messages can carry request data (a callback URL from a cookie): one escaped line each.
    logger: {
      error: (code, metadata) => logError(`[next-auth][error][${code}]`, metadata),
      warn: (code) => logError(`[next-auth][warn][${code}]`),
      debug: () => {},
    },
    providers: [
      Credentials({
        name: "E-mail and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, request) {
          const outcome = await checkCredentials(credentials, clientIpFromHeaders(request.headers ?? {}));
          if (!outcome.ok) return null;
          const { user } = outcome;
          return { id: String(user.id), email: user.email, name: user.name, sessionVersion: user.sessionVersion };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = Number(user.id);
          token.sv = user.sessionVersion;
        }
        return token;
      },
      session({ session, token }) {
        session.uid = token.uid;
        session.sv = token.sv;
        return session;
      },
    },
  };
}
