import os from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { captureLog, instanceName, log, logError } from "./log";
import { runInRequest } from "./ops/request-context";

// The log's lines as an operator's collector reads them: one JSON object per line, a request's id
// on every line written for it, errors with their stack and cause, and no control character that
// could forge or hide a line.

let logged: ReturnType<typeof captureLog> | undefined;
afterEach(() => {
  logged?.stop();
  logged = undefined;
});

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The captured lines as written: each must end in one newline, and hold no other. */
function writtenLines(): string[] {
  const text = logged!.text();
  expect(text.endsWith("\n")).toBe(true);
  return text.slice(0, -1).split("\n");
}

describe("log lines", () => {
  it("are JSON with a level name, the time in milliseconds since the epoch and the process id", () => {
    logged = captureLog();
    const before = Date.now();
    log.info({ answer: 42 }, "hello");
    const [entry] = logged.lines();
    expect(entry).toMatchObject({ level: "info", pid: process.pid, instance: instanceName(), answer: 42, msg: "hello" });
    expect(entry!.time).toBeGreaterThanOrEqual(before);
    expect(entry!.time).toBeLessThanOrEqual(Date.now());
  });

  it("name their instance: INSTANCE_ID, or the machine and the process", () => {
    expect(instanceName({ INSTANCE_ID: "web-2" })).toBe("web-2");
    expect(instanceName({})).toBe(`${os.hostname()}:${process.pid}`);
  });

  it("carry the id of the request they were written for, also after an await", async () => {
    logged = captureLog();
    await runInRequest("req-1", async () => {
      log.info("before");
      await new Promise((resolve) => setTimeout(resolve, 1));
      logError(new Error("after"));
    });
    log.info("outside");
    expect(logged.lines().map((line) => line.reqId)).toEqual(["req-1", "req-1", undefined]);
  });
});

describe("logError", () => {
  it("writes an error with its message, stack and cause as one line, with no control character left", () => {
    logged = captureLog();
    const error = new Error("Failed query: insert\nparams: Ada\0\n2024-01-01 ERROR forged\u2028\u0085", { cause: new Error("cause\r\nline") });
    logError("Comment failed:", error);
    const lines = writtenLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(UNSAFE);
    const [entry] = logged.lines() as [{ level: string; msg: string; err: { message: string; stack: string } }];
    expect(entry.level).toBe("error");
    expect(entry.msg).toBe("Comment failed:");
    // pino's error serializer adds the causes' messages to the message and their stacks to the stack.
    expect(entry.err.message).toBe("Failed query: insert\nparams: Ada\0\n2024-01-01 ERROR forged\u2028\u0085: cause\r\nline");
    expect(entry.err.stack).toContain("at ");
    expect(entry.err.stack).toContain("caused by: Error: cause\r\nline");
  });

  it("inspects values that are not strings, and takes an error's message when nothing else is said", () => {
    logged = captureLog();
    logError({ name: "a\nb" }, 42);
    logError(new Error("alone"));
    expect(logged.lines().map((line) => line.msg)).toEqual(["{ name: 'a\\nb' } 42", "alone"]);
  });
});
