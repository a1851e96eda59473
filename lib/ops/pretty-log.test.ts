import { describe, expect, it } from "vitest";
import { escapeControlCharacters, prettyLine } from "./pretty-log";

// The terminal's format: one readable line per JSON line, with nothing in a value that could
// break the line or drive the terminal.

const strip = (text: string) => text.replace(/\u001b\[\d+m/g, "");

describe("escapeControlCharacters", () => {
  it.each([
    ["a newline", "Ada\nERROR forged line", "Ada\\nERROR forged line"],
    ["a carriage return", "Ada\r\n", "Ada\\r\\n"],
    ["a NUL", "Ada\0Lovelace", "Ada\\u0000Lovelace"],
    ["a terminal escape", "\u001b[2J", "\\u001b[2J"],
    ["a C1 control (NEL)", "a\u0085b", "a\\u0085b"],
    ["the line separator", "a\u2028b", "a\\u2028b"],
  ])("writes %s as an escape", (_name, input, expected) => {
    expect(escapeControlCharacters(input)).toBe(expected);
  });

  it("leaves printable text alone", () => {
    expect(escapeControlCharacters("Zoë “hello” 👋 \\n")).toBe("Zoë “hello” 👋 \\n");
  });
});

describe("prettyLine", () => {
  it("writes a request line as time, level, id, method, path, status and duration", () => {
    const line = JSON.stringify({ level: "info", time: Date.parse("2026-12-07T09:01:02.345Z"), pid: 1, reqId: "r1", method: "GET", path: "/news", status: 200, ms: 1.25, msg: "request" });
    expect(strip(prettyLine(line))).toBe("09:01:02.345 INFO  r1 GET /news 200 1.25 ms request\n");
  });

  it("writes an error's stack and the other fields on the same line, escaped", () => {
    const line = JSON.stringify({ level: "error", time: Date.parse("2026-12-07T09:01:02.345Z"), msg: "failed\u001b[2J", err: { stack: "Error: x\n    at y" }, code: "E1" });
    const written = prettyLine(line);
    expect(written.endsWith("\n")).toBe(true);
    expect(written.slice(0, -1)).not.toMatch(/\n|\u001b\[2J/);
    expect(strip(written)).toBe('09:01:02.345 ERROR failed\\u001b[2J Error: x\\n    at y {"code":"E1"}\n');
  });

  it("passes a line that is not JSON through", () => {
    expect(prettyLine("plain\n")).toBe("plain\n");
  });
});
