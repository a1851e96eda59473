import NextAuth from "next-auth";
import { cookies } from "next/headers";
import type { NextRequest } from "next/server";
import { isNewsroomUrl, newsroomPath } from "@/lib/auth/callback-url";
import { nextAuthAddress } from "@/lib/auth/next-auth-addresses";
import { authOptions } from "@/lib/auth/options";
import { throttledMessage } from "@/lib/auth/sign-in-throttle";
import { env } from "@/lib/env";
import { retryAfterHeader } from "@/lib/http/retry-after";
import { HttpError, apiNotFoundResponse, errorResponse, methodNotAllowedResponse } from "@/lib/http/route";

// GET/POST /api/auth/* – next-auth. A sign-in from a blocked account or address is refused inside
// the credentials check (lib/auth/options.ts) before any password check, whatever the path, body
// type or repeated fields; here that refusal becomes 429 with Retry-After. next-auth answers 500
// to a callbackUrl it cannot parse, in the query or in its cookie: those become a newsroom page
// first. An address, method or query next-auth does not take gets the API's JSON 404, 405 or 400.

type Context = { params: Promise<{ nextauth: string[] }> };

export const dynamic = "force-dynamic";

async function refusal(request: NextRequest, context: Context): Promise<Response | null> {
  const address = nextAuthAddress(request.method, (await context.params).nextauth, request.nextUrl.searchParams);
  if (address.kind === "not-found") return apiNotFoundResponse();
  if (address.kind === "method-not-allowed") return methodNotAllowedResponse(address.allowed);
  if (address.kind === "bad-request") return errorResponse(new HttpError(400, address.message));
  return null;
}

async function handle(request: NextRequest, context: Context): Promise<Response> {
  const refused = await refusal(request, context);
  if (refused) return refused;
  const { siteUrl } = env();
  let retryAfter = 0;
  const options = authOptions(siteUrl, { onThrottled: (seconds) => (retryAfter = seconds) });
  const callbackUrl = request.nextUrl.searchParams.get("callbackUrl");
  if (callbackUrl !== null) request.nextUrl.searchParams.set("callbackUrl", newsroomPath(callbackUrl, siteUrl));
  const cookieStore = await cookies();
  const callbackCookie = options.cookies!.callbackUrl!.name;
  const cookieValue = cookieStore.get(callbackCookie)?.value;
  if (cookieValue && !isNewsroomUrl(cookieValue, siteUrl)) cookieStore.delete(callbackCookie);

  const response = (await NextAuth(request, context, options)) as Response;
  if (retryAfter === 0) return response;
  return Response.json(
    { error: "TooManyAttempts", message: throttledMessage(retryAfter), retryAfter },
    { status: 429, headers: { ...retryAfterHeader(retryAfter), "Cache-Control": "no-store" } },
  );
}

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
