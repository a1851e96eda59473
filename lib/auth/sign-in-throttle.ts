import { getDb, type Db } from "@/lib/db";
import { clearCounter, incrementCounter, readCounter } from "@/lib/rate-limits/store";

// Brute-force protection for sign-in (stored in the database, shared by every instance):
// - one account from one address: after 5 failures, blocked for 30 s, doubling with each further
//   failure up to an hour; the count is forgotten a day after the last failure or on success;
// - one address over all accounts: 30 failures in 15 minutes block it for the rest of the window.

export const ACCOUNT_FAILURES_ALLOWED = 5;
const ACCOUNT_WINDOW_MS = 24 * 3600_000;
const ACCOUNT_FIRST_BLOCK_MS = 30_000;
const ACCOUNT_MAX_BLOCK_MS = 3600_000;
export const ADDRESS_FAILURES_ALLOWED = 30;
const ADDRESS_WINDOW_MS = 15 * 60_000;

const accountKey = (email: string, ip: string) => `sign-in:account:${email.trim().toLowerCase()}|${ip}`;
const addressKey = (ip: string) => `sign-in:address:${ip}`;

/** What a refused sign-in tells the person, through the form or the API. */
export function throttledMessage(retryAfterSeconds: number): string {
  return `Too many failed sign-in attempts. Try again in ${retryAfterSeconds} seconds.`;
}

export function accountBlockMs(failures: number): number | null {
  if (failures < ACCOUNT_FAILURES_ALLOWED) return null;
  return Math.min(ACCOUNT_FIRST_BLOCK_MS * 2 ** (failures - ACCOUNT_FAILURES_ALLOWED), ACCOUNT_MAX_BLOCK_MS);
}

/** Seconds until this account may try again from this address; 0 when it may now. */
export async function signInRetryAfter(email: string, ip: string, db: Db = getDb()): Promise<number> {
  const counters = await Promise.all([readCounter(accountKey(email, ip), db), readCounter(addressKey(ip), db)]);
  const now = Date.now();
  const waits = counters.map((counter) =>
    counter?.blockedUntil && counter.blockedUntil.getTime() > now ? counter.blockedUntil.getTime() - now : 0,
  );
  return Math.ceil(Math.max(...waits) / 1000);
}

export async function recordSignInFailure(email: string, ip: string, db: Db = getDb()): Promise<void> {
  await incrementCounter(accountKey(email, ip), ACCOUNT_WINDOW_MS, accountBlockMs, db);
  await incrementCounter(
    addressKey(ip),
    ADDRESS_WINDOW_MS,
    (count) => (count >= ADDRESS_FAILURES_ALLOWED ? ADDRESS_WINDOW_MS : null),
    db,
  );
}

export async function recordSignInSuccess(email: string, ip: string, db: Db = getDb()): Promise<void> {
  await clearCounter(accountKey(email, ip), db);
}
