import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { patchPostgresConnection, POSTGRES_CONNECTION_FILES } from "./patch-dependencies.mjs";

// The fix npm's postinstall applies to postgres-js (scripts/patch-dependencies.mjs): without it, a
// connection closed while a write waited came back only after connect_timeout, or threw from
// setImmediate (the fault test's terminated sessions and restarts).

const VULNERABLE = `  function nextWrite(fn) {
    const x = socket.write(chunk, fn)
    nextWriteTimer !== null && clearImmediate(nextWriteTimer)
    chunk = nextWriteTimer = null
    return x
  }

  function terminate() {
    terminated = true
    clearImmediate(nextWriteTimer)
    if (socket) {}
  }

  async function closed(hadError) {
    incoming = Buffer.alloc(0)
    clearImmediate(nextWriteTimer)
    socket = null
  }
`;

describe("patchPostgresConnection", () => {
  it("resets the pending write when a connection ends, and writes nothing to a socket that is gone", () => {
    const patched = patchPostgresConnection(VULNERABLE);
    expect(patched).toContain("if (!socket) return (chunk = nextWriteTimer = null, false)\n    const x = socket.write(chunk, fn)");
    expect(patched.match(/clearImmediate\(nextWriteTimer\)\n\s+nextWriteTimer = chunk = null\n/g)).toHaveLength(2);
    expect(patchPostgresConnection(patched)).toBe(patched);
  });

  it("refuses a text it does not know, so an upgrade is looked at", () => {
    expect(() => patchPostgresConnection(VULNERABLE.replace("socket.write(chunk, fn)", "writeOut(chunk, fn)"))).toThrow(/not the text this patch expects/);
  });

  it("is applied to the installed postgres", () => {
    for (const file of POSTGRES_CONNECTION_FILES) {
      const source = fs.readFileSync(path.join("node_modules/postgres", file), "utf8");
      expect(source, file).toContain("if (!socket) return (chunk = nextWriteTimer = null, false)");
    }
  });
});
