import type { Db } from "./client";

// The handle a `db.transaction(async (tx) => …)` callback receives, for helpers that take part
// in a caller's transaction (locks, audit rows). Every domain uses it, so it lives with Db.

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
