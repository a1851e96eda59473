import "server-only";
import type { NextRequest } from "next/server";
import { authenticateApiToken } from "@/lib/auth/api-tokens";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { getCurrentUser } from "@/lib/auth/session";
import { mustSetUpTwoFactor } from "@/lib/auth/two-factor";
import type { CurrentUser } from "@/lib/auth/users";
import { isDatabaseUnavailable } from "@/db/errors";
import { DomainError } from "@/lib/errors";
import { isIdText } from "@/lib/validation/ids";
import { log, logError } from "@/lib/log";
import { DATABASE_AWAY_RETRY_SECONDS, retryAfterHeader } from "./retry-after";

// One wrapper for the admin API's route handlers: who is asking (session cookie or
// `Authorization: Bearer` token), refusal of cross-site requests, and every error turned into a
// JSON answer with its real status — 401, 403, 404, 409, 413, 415, 422 — or a 500 that leaks nothing.

/** A refusal about the request itself (its body, its type, its route), answered like any DomainError. */
export class HttpError extends DomainError {
  constructor(status: number, message: string) {
    super(message, status);
  }
}

export interface RouteContext {
  user: CurrentUser;
  ip: string;
  via: "session" | "token";
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "Cache-Control": "private, no-store", ...headers } });

export function errorResponse(error: unknown): Response {
  if (error instanceof DomainError) {
    return json(error.status, { error: error.message, fieldErrors: error.fieldErrors, ...error.details }, retryAfterHeader(error));
  }
  if (isDatabaseUnavailable(error)) {
    return json(503, { error: "The service is briefly unavailable; nothing was saved. Try again in a few seconds." }, retryAfterHeader(DATABASE_AWAY_RETRY_SECONDS));
  }
  logError(error);
  return json(500, { error: "Something went wrong on our side; nothing was changed." });
}

/** The methods a route handler may take; HEAD and OPTIONS Next answers itself. */
export const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

/** No API endpoint at this address, whatever the method: JSON, like every API answer. */
export function apiNotFoundResponse(): Response {
  return errorResponse(new HttpError(404, "There is no API endpoint at this address."));
}

/** A JSON 405 with the Allow header (Next's own 405 has no body). */
export function methodNotAllowedResponse(allowed: readonly RouteMethod[]): Response {
  const response = errorResponse(new HttpError(405, `This address answers ${allowed.join(" and ")} only.`));
  response.headers.set("Allow", [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", "));
  return response;
}

/**
 * Handlers for the methods a route does not take, each a JSON 405 naming those it does:
 * `export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");`
 */
export function otherMethods(...allowed: RouteMethod[]): Record<RouteMethod, () => Response> {
  const refuse = () => methodNotAllowedResponse(allowed);
  return Object.fromEntries(ROUTE_METHODS.map((method) => [method, refuse])) as Record<RouteMethod, () => Response>;
}

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** A cookie-authenticated change must come from a page of this site. */
function assertSameOrigin(request: NextRequest): void {
  const origin = request.headers.get("origin");
  const host = request.headers.get("host");
  if (origin) {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      throw new HttpError(403, "Cross-site request refused.");
    }
    if (originHost !== host) throw new HttpError(403, "Cross-site request refused.");
    return;
  }
  if (request.headers.get("sec-fetch-site") !== "same-origin") throw new HttpError(403, "Cross-site request refused.");
}

/** REQUIRE_2FA: an admin without two-factor sign-in may do nothing until it is set up. */
async function assertTwoFactorSetUp(user: CurrentUser): Promise<void> {
  if (await mustSetUpTwoFactor(user)) throw new HttpError(403, "Turn on two-factor sign-in first (Account in the newsroom).");
}

async function authenticate(request: NextRequest): Promise<Omit<RouteContext, "ip"> | null> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const user = match ? await authenticateApiToken(match[1]!) : null;
    if (!user) {
      // For an operator watching for token guessing: who tried, never what (lib/ops/redact.ts).
      log.warn({ ip: clientIpFromHeaders(request.headers), method: request.method }, "API token refused");
      throw new HttpError(401, "That API token is not valid.");
    }
    await assertTwoFactorSetUp(user);
    return { user, via: "token" };
  }
  const user = await getCurrentUser();
  if (!user) return null;
  if (MUTATING.has(request.method)) assertSameOrigin(request);
  await assertTwoFactorSetUp(user);
  return { user, via: "session" };
}

/**
 * An admin API handler, run for anyone in the newsroom — signed in or holding an API token —
 * whatever their role: the handler (or the command it calls) checks what that role may do.
 */
export function newsroomRoute<Params>(
  handler: (request: NextRequest, context: RouteContext, params: Params) => Promise<Response>,
) {
  return async (request: NextRequest, { params }: { params: Promise<Params> }) => {
    try {
      const identity = await authenticate(request);
      if (!identity) throw new HttpError(401, "Sign in, or send an API token as Authorization: Bearer.");
      return await handler(request, { ...identity, ip: clientIpFromHeaders(request.headers) }, await params);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** The JSON body, refusing other content types (415), oversize bodies (413) and broken JSON (400). */
export async function readJson(request: NextRequest, maxBytes = 1_000_000): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new HttpError(415, "Send the body as application/json.");
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new HttpError(413, `The body is larger than ${maxBytes} bytes.`);
  const text = await readLimited(request, maxBytes);
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "The body is not valid JSON.");
  }
}

export async function readLimited(request: Request, maxBytes: number): Promise<string> {
  const bytes = await readBytesLimited(request, maxBytes);
  return new TextDecoder().decode(bytes);
}

export async function readBytesLimited(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new HttpError(413, `The body is larger than ${maxBytes} bytes.`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

export const positiveId = (value: string): number => {
  if (!isIdText(value)) throw new HttpError(404, "Not found.");
  return Number(value);
};

export { json as jsonResponse };
