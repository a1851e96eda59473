// What a database error was. Drizzle wraps the driver's error ("Failed query: …") with the
// PostgreSQL or network code on a `cause` further down; every caller asks through these.

type WithCode = { code?: unknown; message?: string; cause?: unknown };

/** The innermost error that carries a code (SQLSTATE such as 23505, or ECONNREFUSED), if any. */
export function databaseErrorCause(error: unknown): { code: string; message: string } | undefined {
  let current = error as WithCode | undefined;
  for (let depth = 0; current && depth < 6; depth++) {
    if (typeof current.code === "string") return { code: current.code, message: current.message ?? "" };
    current = current.cause as WithCode | undefined;
  }
  return undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  return databaseErrorCause(error)?.code === "23505";
}

/** A row this write refers to was deleted meanwhile (a foreign key check failed). */
export function isForeignKeyViolation(error: unknown): boolean {
  return databaseErrorCause(error)?.code === "23503";
}

const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  // A request's write deadline passed (db/request-scope.ts); 57014: a statement timeout.
  "WRITE_DEADLINE",
  "57014",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08006",
]);

/** The database is restarting or out of reach: worth a retry, not a 500. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = databaseErrorCause(error)?.code;
  return code !== undefined && UNAVAILABLE_CODES.has(code);
}
