import type { AuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { text } from "@/lib/validation/text";
import { recordAudit } from "@/lib/audit/log";
import { env } from "@/lib/env";
import { newsroomPath } from "./callback-url";
import { authCookies } from "./cookie-names";
import { log, logError } from "@/lib/log";
import { clientIpFromHeaders } from "./client-ip";
import { verifyPassword } from "./passwords";
import { recordSignInFailure, recordSignInSuccess, signInRetryAfter } from "./sign-in-throttle";
import { spendTwoFactorCode } from "./two-factor";
import { findUserByEmail, recordSignIn } from "./users";

// next-auth (v4) with e-mail and password. Sessions are JWTs in an HttpOnly, SameSite=Lax cookie
// (Secure when SITE_URL is https); every use is checked against the database (lib/auth/session.ts),
// so disabling or demoting someone ends their session at once. The brute-force throttle lives in
// the credentials check itself: every way of signing in goes through it, on exactly the e-mail
// address it checks, and a blocked attempt goes no further.

const credentialsSchema = z.object({ email: text().max(200), password: z.string().max(200), code: z.string().max(20).optional() });

export const SESSION_MAX_AGE_SECONDS = 12 * 3600;

export interface SignedInUser {
  id: number;
  email: string;
  name: string;
  sessionVersion: number;
}

/**
 * `retryAfter` (seconds) when the throttle refused the attempt before any password check;
 * `codeNeeded` when the password was right and the account asks for a two-factor code, which
 * the attempt did not carry.
 */
export type SignInOutcome = { ok: true; user: SignedInUser } | { ok: false; retryAfter?: number; codeNeeded?: SignedInUser };

/** The end of an attempt that failed: counted by the throttle, and logged. */
export async function refuseSignIn(email: string, ip: string, userId: number | null, reason: "password" | "code"): Promise<SignInOutcome> {
  await recordSignInFailure(email, ip);
  await recordAudit({ actorId: userId, action: "auth.sign_in_failed", details: { email, ...(reason === "code" ? { reason } : {}) }, ip });
  // For an operator watching the log; the address is masked there (lib/ops/redact.ts).
  log.warn({ email, ip, reason }, "Sign-in refused");
  return { ok: false };
}

/** The end of an attempt that passed every check. */
export async function completeSignIn(user: SignedInUser, email: string, ip: string): Promise<SignInOutcome> {
  await recordSignInSuccess(email, ip);
  await recordSignIn(user.id);
  await recordAudit({ actorId: user.id, action: "auth.sign_in", targetType: "user", targetId: user.id, ip });
  return { ok: true, user };
}

/**
 * Checks e-mail and password, and the two-factor code of an account that has it on; unknown
 * e-mail, wrong password and disabled account look the same, and a wrong code counts as a failure.
 */
export async function checkCredentials(input: unknown, ip: string): Promise<SignInOutcome> {
  const parsed = credentialsSchema.safeParse(input);
  const email = parsed.success ? parsed.data.email.trim().toLowerCase() : "";
  const retryAfter = await signInRetryAfter(email, ip);
  if (retryAfter > 0) return { ok: false, retryAfter };
  const user = email ? await findUserByEmail(email) : undefined;
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, parsed.success ? parsed.data.password : "");
  if (!user || !passwordOk || user.disabledAt) return refuseSignIn(email, ip, user?.id ?? null, "password");
  const signedIn = { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
  if (user.totpEnabledAt) {
    const code = parsed.success ? parsed.data.code : undefined;
    if (!code) return { ok: false, codeNeeded: signedIn };
    if (!(await spendTwoFactorCode(user.id, code))) return refuseSignIn(email, ip, user.id, "code");
  }
  return completeSignIn(signedIn, email, ip);
}

export function authSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: the server sets it on start (scripts/serve.ts)");
  return secret;
}

/** What a session token says beyond next-auth's name, email and sub: whose, and which version. */
export function sessionClaims(user: { id: number | string; sessionVersion?: number }) {
  return { uid: Number(user.id), sv: user.sessionVersion };
}

export interface AuthHooks {
  /** Told when the throttle refused a sign-in, so the route can answer 429 with Retry-After. */
  onThrottled?: (retryAfterSeconds: number) => void;
}

export function authOptions(siteUrl = env().siteUrl, hooks: AuthHooks = {}): AuthOptions {
  return {
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: siteUrl.startsWith("https://"),
    cookies: authCookies(siteUrl),
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
        credentials: { email: { type: "email" }, password: { type: "password" }, code: { type: "text" } },
        async authorize(credentials, request) {
          const outcome = await checkCredentials(credentials, clientIpFromHeaders(request.headers ?? {}));
          if (!outcome.ok) {
            if (outcome.retryAfter) hooks.onThrottled?.(outcome.retryAfter);
            return null;
          }
          const { user } = outcome;
          return { id: String(user.id), email: user.email, name: user.name, sessionVersion: user.sessionVersion };
        },
      }),
    ],
    callbacks: {
      // next-auth's default throws on a URL it cannot parse; this one never does.
      redirect({ url, baseUrl }) {
        return `${baseUrl}${newsroomPath(url, baseUrl)}`;
      },
      jwt({ token, user }) {
        return user ? { ...token, ...sessionClaims(user) } : token;
      },
      session({ session, token }) {
        session.uid = token.uid;
        session.sv = token.sv;
        return session;
      },
    },
  };
}
