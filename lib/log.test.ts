import { afterEach, describe, expect, it, vi } from "vitest";
import { escapeControlCharacters, logError } from "./log";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("escapeControlCharacters", () => {
  it.each([
    ["a newline", "Ada\nERROR forged line", "Ada\\nERROR forged line"],
    ["a carriage return", "Ada\r\n", "Ada\\r\\n"],
    ["a NUL", "Ada\0Lovelace", "Ada\\u0000Lovelace"],
    ["a tab", "a\tb", "a\\tb"],
    ["a terminal escape", "\u001b[2J", "\\u001b[2J"],
    ["DEL", "a\u007fb", "a\\u007fb"],
    ["a C1 control (NEL)", "a\u0085b", "a\\u0085b"],
    ["the line separator", "a\u2028b", "a\\u2028b"],
    ["the paragraph separator", "a\u2029b", "a\\u2029b"],
  ])("writes %s as an escape", (_name, input, expected) => {
    expect(escapeControlCharacters(input)).toBe(expected);
  });

  it("leaves printable text alone, accents and emoji included", () => {
    const text = "Zoë posted “hello” 👋 — \\n stays a backslash and an n";
    expect(escapeControlCharacters(text)).toBe(text);
  });
});

describe("logError", () => {
  it("writes an error with its message, stack and cause on one line, with no control character left", () => {
    const write = vi.spyOn(console, "error").mockImplementation(() => {});
    const error = new Error("Failed query: insert\nparams: Ada\0\n2024-01-01 ERROR forged", { cause: new Error("cause\r\nline") });
    logError("Comment failed:", error);
    expect(write).toHaveBeenCalledTimes(1);
    const [line] = write.mock.calls[0]!;
    expect(typeof line).toBe("string");
    expect(line).toMatch(/^Comment failed: Error: Failed query: insert\\nparams: Ada\\u0000\\n2024-01-01 ERROR forged/);
    expect(line).toContain("at ");
    expect(line).toContain("[cause]: Error: cause\\r\\n");
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  });

  it("inspects values that are not strings", () => {
    const write = vi.spyOn(console, "error").mockImplementation(() => {});
    logError({ name: "a\nb" }, 42);
    expect(write).toHaveBeenCalledWith("{ name: 'a\\nb' } 42");
  });
});
