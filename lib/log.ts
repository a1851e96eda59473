import os from "node:os";
import { inspect } from "node:util";
import pino, { type DestinationStream, type Logger } from "pino";
import { scrubText } from "@/lib/ops/redact";
import { currentRequestId } from "@/lib/ops/request-context";
import { prettyLine } from "@/lib/ops/pretty-log";

// The server's log: pino, one JSON object per line on stdout, errors on stderr (`level`, `time`
// in milliseconds since the epoch, `pid`, `reqId`
// when the line belongs to a request, `msg`, and the fields of each kind of line), or one
// readable line each when stdout is a terminal (lib/ops/pretty-log.ts). No secret and no full
// e-mail address reaches it (lib/ops/redact.ts). One logger per process, on globalThis: the
// server's bundle and Next's each load this module.
//
// Request data reaches the log inside error messages (a comment's name in a failed query, a
// header, a path): every control character in it is written as an escape, so it can neither
// forge a line nor hide one — by JSON and safeLine here, by escapeControlCharacters on a terminal.

/**
 * JSON leaves DEL, the C1 controls and U+2028/U+2029 as they are; some terminals and viewers act
 * on them. Within a line they can only stand inside a string, where the JSON escape is valid.
 */
const JSON_UNESCAPED = /[\u007f-\u009f\u2028\u2029]/g;
const HAS_JSON_UNESCAPED = /[\u007f-\u009f\u2028\u2029]/;
const safeLine = (line: string) =>
  scrubText(HAS_JSON_UNESCAPED.test(line) ? line.replace(JSON_UNESCAPED, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`) : line);

/** LOG_FORMAT=json or pretty chooses; by default a terminal gets readable lines. */
const toTerminal = process.env.LOG_FORMAT === "pretty" || (process.stdout.isTTY && process.env.LOG_FORMAT !== "json");

/** An error or fatal line: written to stderr, where a supervisor or a test runner shows it. */
const isError = (line: string) => line.startsWith('{"level":"error"') || line.startsWith('{"level":"fatal"');

// Written at once with one write(2) each (sonic-boom, pino's own), not through Node's stream
// machinery: a request line is written on every cached hit.
const stdout = pino.destination({ fd: 1, sync: true });
const stderr = pino.destination({ fd: 2, sync: true });

/** Where the lines go: stdout, errors to stderr, unless a test captures them (captureLog). */
const sink = {
  write: (line: string) => {
    (isError(line) ? stderr : stdout).write(toTerminal ? prettyLine(line) : line);
  },
};

/**
 * The clock as it was when the log was made: Next.js replaces Date in the server to watch
 * what a render reads, which made each line's timestamp cost several times the rest of the line.
 */
const epochNow = Date.now;
/** The mixin's answer outside a request: nothing to merge. */
const NO_FIELDS = Object.freeze({});

const destination: DestinationStream = { write: (line: string) => sink.write(line) };

/** The instance a line comes from (INSTANCE_ID, validated in lib/env.ts), or this machine and process. */
export function instanceName(source: Record<string, string | undefined> = process.env): string {
  return source.INSTANCE_ID || `${os.hostname()}:${process.pid}`;
}

function createLogger(): Logger {
  return pino(
    {
      level: process.env.LOG_LEVEL || "info",
      base: { pid: process.pid, instance: instanceName() },
      timestamp: () => `,"time":${epochNow()}`,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const reqId = currentRequestId();
        return reqId === undefined ? NO_FIELDS : { reqId };
      },
      mixinMergeStrategy: (fields, mixed) => (mixed === NO_FIELDS ? fields : Object.assign(mixed, fields)),
      hooks: { streamWrite: safeLine },
    },
    destination,
  );
}

const KEY = Symbol.for("meridian.logger");
const holder = globalThis as { [KEY]?: Logger };

/** The process's logger. */
export const log: Logger = (holder[KEY] ??= createLogger());

/**
 * An error line: the first Error among `parts` as `err` (message, stack, cause), the rest as
 * the message — strings as written, other values inspected.
 */
export function logError(...parts: unknown[]): void {
  const err = parts.find((part) => part instanceof Error);
  const text = parts
    .filter((part) => part !== err)
    .map((part) => (typeof part === "string" ? part : inspect(part, { depth: 4, breakLength: Infinity })))
    .join(" ");
  if (err) log.error({ err }, text || (err as Error).message);
  else log.error(text);
}

/** Lines written until `stop()` go to `lines()` instead of stdout, parsed (for tests). */
export function captureLog(): { lines: () => Record<string, unknown>[]; text: () => string; stop: () => void } {
  const written: string[] = [];
  const previous = sink.write;
  sink.write = (line) => {
    written.push(line);
  };
  return {
    lines: () => written.map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => written.join(""),
    stop: () => {
      sink.write = previous;
    },
  };
}
