import { afterEach, describe, expect, it, vi } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { captureLog } from "@/lib/log";
import { errorResponse, otherMethods } from "./route";

// What the route wrapper writes: the status and JSON body a client gets, and one log line per
// unexpected error, with the request data inside its message escaped.

afterEach(() => {
  vi.restoreAllMocks();
});

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** The lines written while `run` ran, as written. */
function written(run: () => void): string[] {
  const logged = captureLog();
  try {
    run();
  } finally {
    logged.stop();
  }
  return logged.text().split("\n").filter(Boolean);
}

describe("errorResponse", () => {
  it("answers a domain error with its status and a private JSON body, and logs nothing", async () => {
    let response = new Response();
    expect(written(() => (response = errorResponse(new NotFoundError("No such story."))))).toEqual([]);
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(await response.json()).toEqual({ error: "No such story." });
  });

  it("logs an unexpected error on one line, whatever its message carries from the request", async () => {
    let response = new Response();
    const lines = written(() => (response = errorResponse(new Error('Failed query: insert into "comments"\nparams: Ada\0\n2026-01-01T00:00:00Z admin signed in'))));
    expect(response.status).toBe(500);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(CONTROL);
    expect(lines[0]).toContain("params: Ada\\u0000\\n2026-01-01T00:00:00Z admin signed in");
  });
});

describe("otherMethods", () => {
  it("answers each method a route does not take with a JSON 405 and the Allow header", async () => {
    const { DELETE } = otherMethods("GET", "POST");
    const response = DELETE();
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST, HEAD, OPTIONS");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(await response.json()).toEqual({ error: "This address answers GET and POST only." });
    expect(otherMethods("PATCH").GET().headers.get("allow")).toBe("PATCH, OPTIONS");
  });
});
