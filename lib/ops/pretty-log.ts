// The log as a person reads it in a terminal: one line per entry — time, level, the request's id,
// then a request's method, path, status and duration, or the message, the error's stack and any
// other fields. pino-pretty does this and more, with thirteen dependencies of its own; this is all
// the server needs. Each value is escaped as the JSON line had it, so a line stays one line.

const LEVEL_COLOURS: Record<string, string> = { trace: "90", debug: "90", info: "32", warn: "33", error: "31", fatal: "35" };
const SHOWN_APART = new Set(["level", "time", "pid", "instance", "reqId", "msg", "err", "method", "path", "status", "ms"]);

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** The text with each C0 and C1 control character, DEL, U+2028 and U+2029 as a visible escape. */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (character) => NAMED[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const oneLine = escapeControlCharacters;

/** A JSON log line as one readable line (the line itself when it is not JSON). */
export function prettyLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const level = String(entry.level ?? "info");
  const time = typeof entry.time === "number" ? new Date(entry.time).toISOString().slice(11, 23) : "";
  const parts = [time, `\u001b[${LEVEL_COLOURS[level] ?? "0"}m${level.toUpperCase().padEnd(5)}\u001b[0m`];
  if (entry.reqId !== undefined) parts.push(`\u001b[90m${oneLine(String(entry.reqId))}\u001b[0m`);
  if (entry.method !== undefined) parts.push(`${oneLine(String(entry.method))} ${oneLine(String(entry.path))} ${String(entry.status)} ${String(entry.ms)} ms`);
  if (entry.msg !== undefined) parts.push(oneLine(String(entry.msg)));
  const err = entry.err as { stack?: string } | undefined;
  if (err?.stack) parts.push(oneLine(err.stack));
  const rest = Object.entries(entry).filter(([key]) => !SHOWN_APART.has(key));
  if (rest.length) parts.push(`\u001b[90m${JSON.stringify(Object.fromEntries(rest))}\u001b[0m`);
  return `${parts.join(" ")}\n`;
}
