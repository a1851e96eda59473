import { inspect } from "node:util";

// The server log keeps one line per entry. Request data reaches it inside error messages (a
// comment's name in a failed query, a header, a path): a newline there would forge a line, a
// terminal escape would hide one. Every control character is written as an escape.

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** The text with each C0 and C1 control character, DEL, U+2028 and U+2029 as a visible escape. */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (character) => NAMED[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** One line on stderr: strings as written, errors with their stack and cause, other values inspected. */
export function logError(...parts: unknown[]): void {
  const text = parts.map((part) => (typeof part === "string" ? part : inspect(part, { depth: 4, breakLength: Infinity }))).join(" ");
  console.error(escapeControlCharacters(text));
}
