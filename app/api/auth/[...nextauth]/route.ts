import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { authOptions } from "@/lib/auth/options";
import { signInRetryAfter } from "@/lib/auth/sign-in-throttle";
import { isStorableText } from "@/lib/validation/text";

// GET/POST /api/auth/* – next-auth. Sign-in attempts are checked against the brute-force
// throttle first: a blocked account or address gets 429 with Retry-After, without a password check.

type Context = { params: Promise<{ nextauth: string[] }> };

export const dynamic = "force-dynamic";

function handle(request: NextRequest, context: Context) {
  return NextAuth(request, context, authOptions()) as Promise<Response>;
}

export async function POST(request: NextRequest, context: Context) {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "callback/credentials") {
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    const typed = String(form?.get("email") ?? "");
    // No account has an address PostgreSQL cannot store: such a sign-in fails like any unknown one.
    const email = isStorableText(typed) ? typed : "";
    const wait = await signInRetryAfter(email, clientIpFromHeaders(request.headers));
    if (wait > 0) {
      return Response.json(
        { error: "TooManyAttempts", message: `Too many failed sign-in attempts. Try again in ${wait} seconds.`, retryAfter: wait },
        { status: 429, headers: { "Retry-After": String(wait), "Cache-Control": "no-store" } },
      );
    }
  }
  return handle(request, context);
}

export { handle as GET };
