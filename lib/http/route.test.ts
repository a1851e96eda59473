import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { errorResponse, otherMethods } from "./route";

// What the route wrapper writes: the status and JSON body a client gets, and one log line per
// unexpected error, with the request data inside its message escaped.

afterEach(() => {
  vi.restoreAllMocks();
});

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const written = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.map((args) => args.map((arg) => (typeof arg === "string" ? arg : inspect(arg))).join(" "));

describe("errorResponse", () => {
  it("answers a domain error with its status and a private JSON body, and logs nothing", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = errorResponse(new NotFoundError("No such story."));
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(await response.json()).toEqual({ error: "No such story." });
    expect(log).not.toHaveBeenCalled();
  });

  it("logs an unexpected error on one line, whatever its message carries from the request", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = errorResponse(new Error('Failed query: insert into "comments"\nparams: Ada\0\n2026-01-01T00:00:00Z admin signed in'));
    expect(response.status).toBe(500);
    const lines = written(log);
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
