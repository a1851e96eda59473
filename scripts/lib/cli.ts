import fs from "node:fs";
import { DataDirLockedError } from "@/db/client";
import { databaseErrorCause } from "@/db/errors";
import { EnvError, formatEnvError } from "@/lib/env";

/**
 * Loads .env.local, then .env, as Next.js does: a variable already set wins over both, and
 * .env.local wins over .env. Scripts and the server then agree on every setting.
 */
export function loadEnvFiles(): void {
  for (const file of [".env.local", ".env"]) {
    if (fs.existsSync(file)) process.loadEnvFile(file);
  }
}

/** One clear line for a known failure; a short message for anything else. Never a stack trace. */
export function explainFailure(error: unknown): string {
  if (error instanceof EnvError) return formatEnvError(error);
  if (error instanceof DataDirLockedError) return `Error: ${error.message}`;
  if (error instanceof DatabaseUnavailableError) return `Configuration error: ${error.message}`;
  const message = error instanceof Error ? error.message : String(error);
  return `Error: ${message.split("\n")[0]}`;
}

export function fail(error: unknown): never {
  console.error(explainFailure(error));
  process.exit(1);
}

export class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseUnavailableError";
  }
}

/** Turns a driver's connection error into a sentence naming DATABASE_URL and the server. */
export function describeConnectionError(url: string, error: unknown): DatabaseUnavailableError {
  let where = "the server";
  try {
    const parsed = new URL(url);
    where = `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    // Already validated by lib/env.ts; keep the generic wording.
  }
  const cause = databaseErrorCause(error) ?? { code: "", message: (error as Error)?.message ?? "" };
  const reason =
    cause.code === "ECONNREFUSED"
      ? "connection refused"
      : cause.code === "ENOTFOUND" || cause.code === "EAI_AGAIN"
        ? "host not found"
        : cause.code === "CONNECT_TIMEOUT" || cause.code === "ETIMEDOUT"
          ? "no answer within 5 seconds"
          : (cause.message || "unknown error").split("\n")[0];
  return new DatabaseUnavailableError(`DATABASE_URL cannot reach the database at ${where} (${reason}).`);
}
