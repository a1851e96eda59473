import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { nextAuthAddress } from "@/lib/auth/next-auth-addresses";
import { authOptions } from "@/lib/auth/options";
import { signInRetryAfter } from "@/lib/auth/sign-in-throttle";
import { env } from "@/lib/env";
import { HttpError, apiNotFoundResponse, errorResponse, methodNotAllowedResponse } from "@/lib/http/route";

// GET/POST /api/auth/* – next-auth. Sign-in attempts are checked against the brute-force
// throttle first: a blocked account or address gets 429 with Retry-After, without a password check.
// An address, method or query next-auth does not take gets the API's JSON 404, 405 or 400.

type Context = { params: Promise<{ nextauth: string[] }> };

export const dynamic = "force-dynamic";

function nextAuth(request: NextRequest, context: Context) {
  return NextAuth(request, context, authOptions()) as Promise<Response>;
}

async function refusal(request: NextRequest, context: Context): Promise<Response | null> {
  const address = nextAuthAddress(request.method, (await context.params).nextauth, request.nextUrl.searchParams, env().siteUrl);
  if (address.kind === "not-found") return apiNotFoundResponse();
  if (address.kind === "method-not-allowed") return methodNotAllowedResponse(address.allowed);
  if (address.kind === "bad-request") return errorResponse(new HttpError(400, address.message));
  return null;
}

async function handle(request: NextRequest, context: Context) {
  return (await refusal(request, context)) ?? nextAuth(request, context);
}

export async function POST(request: NextRequest, context: Context) {
  const refused = await refusal(request, context);
  if (refused) return refused;
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "callback/credentials") {
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    const email = String(form?.get("email") ?? "");
    const wait = await signInRetryAfter(email, clientIpFromHeaders(request.headers));
    if (wait > 0) {
      return Response.json(
        { error: "TooManyAttempts", message: `Too many failed sign-in attempts. Try again in ${wait} seconds.`, retryAfter: wait },
        { status: 429, headers: { "Retry-After": String(wait), "Cache-Control": "no-store" } },
      );
    }
  }
  return nextAuth(request, context);
}

export { handle as GET, handle as PUT, handle as PATCH, handle as DELETE };
