import { sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { NextRequest } from "next/server";
import { expect, vi } from "vitest";
import type { Db } from "@/db/client";
import { rateLimits } from "@/db/schema";
import type { FormState } from "@/lib/actions/errors";
import { log } from "@/lib/log";

// How the boundary suites call a route handler or a server action and judge the answer: a
// 2xx/3xx/4xx — never a 500 or a thrown error — a refused input leaving the tables as they were,
// and accepted text reading back as it was sent.

interface RequestOptions {
  query?: Record<string, string | undefined>;
  /** A JSON body (any value, sent as it is), or raw text with its own content type. */
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
}

/** A request as the app router hands it to a route handler, from this site's own pages. */
export function request(method: string, path: string, options: RequestOptions = {}): NextRequest {
  const url = new URL(path, "http://localhost");
  for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
  const headers: Record<string, string> = { "sec-fetch-site": "same-origin", "x-meridian-client-ip": "192.0.2.10", ...options.headers };
  let body = options.body;
  if (options.json !== undefined) {
    headers["content-type"] ??= "application/json";
    body = JSON.stringify(options.json);
  }
  return new NextRequest(url, { method, headers, body });
}

export const params = <P>(value: P) => ({ params: Promise.resolve(value) });

/** Every rate-limit counter forgotten: limits are not what these tests are about. */
export async function forgetRateLimits(db: Db): Promise<void> {
  await db.delete(rateLimits).where(sql`true`);
}

/** Whole rows of `tables`, digested in one query: equal digests mean nothing was added, removed or changed. */
export async function digest(db: Db, tables: PgTable[]): Promise<string[]> {
  if (tables.length === 0) return [];
  const perTable = tables.map((table) => sql`(select md5(coalesce(string_agg(${table}::text, '|' order by ${table}::text), '')) from ${table})`);
  const [row] = await db.select({ digests: sql<string[]>`array[${sql.join(perTable, sql`, `)}]` }).from(sql`(select 1) as one`);
  return row!.digests;
}

// The log's error lines are where every 500 (lib/http/route.ts) and every unexpected action error
// (lib/actions/form-action.ts) go: each answer below is checked for them.
const serverErrors = vi.spyOn(log, "error").mockImplementation(() => {});
const describeCall = (args: unknown[]) => args.map((arg) => (typeof arg === "string" ? arg : String((arg as { err?: unknown }).err ?? JSON.stringify(arg)))).join(" ");

async function checked<T>(db: Db, tables: PgTable[], call: () => Promise<T>, refused: (result: T) => boolean, what: string): Promise<T> {
  serverErrors.mockClear();
  const before = await digest(db, tables);
  const result = await call();
  expect(serverErrors.mock.calls.map((args) => describeCall(args)), `${what}: logged a server error`).toEqual([]);
  if (refused(result)) expect(await digest(db, tables), `${what}: refused, yet the tables changed`).toEqual(before);
  return result;
}

/**
 * A route handler's answer to a hostile request: 2xx, 3xx or 4xx (503 only where the route means
 * it, such as an off-air stream), no server error logged, and on a 4xx `tables` as they were.
 */
export async function answerOf(db: Db, tables: PgTable[], call: () => Promise<Response>, what: string, allow503 = false): Promise<Response> {
  const response = await checked(db, tables, call, (r) => r.status >= 400, what);
  expect(response.status < 500 || (allow503 && response.status === 503), `${what} → ${response.status}`).toBe(true);
  return response;
}

/** A server action's answer: a message for a person (never "went wrong on our side"), nothing stored when refused. */
export async function actionAnswerOf(db: Db, tables: PgTable[], call: () => Promise<FormState>, what: string): Promise<FormState> {
  const state = await checked(db, tables, call, (s) => s.ok === undefined, what);
  expect(state.error ?? "", what).not.toMatch(/went wrong on our side/i);
  return state;
}

/**
 * One naughty string in every text field of one handler: in all of them at once; when refused,
 * again without the fields the refusal named, and each of those alone. Every accepted field must
 * read back as `expected` (by default the string trimmed, as text fields are). `send` answers
 * with what was stored, or with the fields its refusal named.
 */
export async function roundTrip(
  value: string,
  fields: string[],
  send: (carrying: string[]) => Promise<Record<string, unknown> | string[]>,
  expected: (field: string) => unknown = () => value.trim(),
): Promise<void> {
  const attempt = async (carrying: string[]): Promise<void> => {
    const answer = await send(carrying);
    if (!Array.isArray(answer)) {
      for (const field of carrying) expect(answer[field], `${field} ← ${describeInput(value)}`).toEqual(expected(field));
      return;
    }
    const named = carrying.filter((field) => answer.includes(field));
    const rest = carrying.filter((field) => !answer.includes(field));
    // A refusal naming none of them says nothing of which it was: one at a time.
    if (named.length === 0) {
      if (carrying.length > 1) for (const field of carrying) await attempt([field]);
      return;
    }
    if (rest.length) await attempt(rest);
    if (named.length > 1) for (const field of named) await attempt([field]);
  };
  await attempt(fields);
}

/** The fields a refusal names: a route handler's `fieldErrors`, or an action's. */
export async function namedIn(answer: Response | FormState): Promise<string[]> {
  const fieldErrors = answer instanceof Response ? ((await answer.json()) as FormState).fieldErrors : answer.fieldErrors;
  return Object.keys(fieldErrors ?? {});
}

/** A JSON-ish description of an input for failure messages (lone surrogates and long strings kept short). */
export function describeInput(value: unknown): string {
  const text = JSON.stringify(value, (_key, v) => (typeof v === "string" && v.length > 60 ? `${v.slice(0, 60)}…(${v.length})` : v instanceof FormData ? [...v.entries()] : v));
  return text?.slice(0, 600) ?? String(value);
}
