import http from "node:http";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { databaseScope, serverFailure, WRITE_DEADLINE_MS } from "./database-outage";
import { DATABASE_AWAY_RETRY_SECONDS } from "./retry-after";

// How the HTTP server answers while the database is away (lib/http/database-outage.ts).

function exchange(method: string, url = "/") {
  const request = new http.IncomingMessage(new net.Socket());
  request.method = method;
  request.url = url;
  const response = new http.ServerResponse(request);
  return { request, response };
}

const away = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

describe("databaseScope", () => {
  it("sends the 500 of a request that met the database away as a 503 with Retry-After, never cached", () => {
    const { request, response } = exchange("GET");
    const scope = databaseScope(request, response);
    scope.databaseUnavailable = true;
    response.writeHead(500, { "Cache-Control": "s-maxage=31536000" });
    expect(response.statusCode).toBe(503);
    expect(response.getHeader("retry-after")).toBe(String(DATABASE_AWAY_RETRY_SECONDS));
    expect(response.getHeader("cache-control")).toBe("private, no-store");
  });

  it("leaves any other 500, and every other status, as they are", () => {
    const plain = exchange("GET");
    databaseScope(plain.request, plain.response);
    plain.response.writeHead(500);
    expect(plain.response.statusCode).toBe(500);

    const ok = exchange("GET");
    databaseScope(ok.request, ok.response).databaseUnavailable = true;
    ok.response.writeHead(200);
    expect(ok.response.statusCode).toBe(200);
  });

  it.each([
    ["GET", "/", true],
    ["HEAD", "/news/us/storm-closes-the-harbor", true],
    ["GET", "/search?q=harbor", true],
    ["GET", "/feed.xml", true],
    ["GET", "/sitemaps/news.xml", true],
    ["GET", "/editor/stories/4", false],
    ["GET", "/api/comments?story=4", false],
    ["GET", "/api/auth/session", false],
    ["GET", "/preview/abc123", false],
    ["GET", "/media/2026/11/photo.jpg", false],
    ["POST", "/news/us/storm-closes-the-harbor", false],
    ["POST", "/api/comments", false],
  ])("lets %s %s read a replica: %s", (method, url, replica) => {
    const { request, response } = exchange(method, url);
    expect(databaseScope(request, response).replicaReads).toBe(replica);
  });

  it("gives writes a deadline, reads none, and ends it once the answer is sent", () => {
    const write = exchange("POST");
    const scope = databaseScope(write.request, write.response, 1_000);
    expect(scope.writeDeadline).toBe(1_000 + WRITE_DEADLINE_MS);
    write.response.emit("close");
    expect(scope.writeDeadline).toBeUndefined();

    const read = exchange("GET");
    expect(databaseScope(read.request, read.response).writeDeadline).toBeUndefined();
  });
});

describe("serverFailure", () => {
  it("answers 503 with Retry-After for a database that is away, 500 for anything else", () => {
    expect(serverFailure(new Error("Failed query", { cause: away }))).toMatchObject({ status: 503, headers: { "Retry-After": "5" } });
    expect(serverFailure(new Error("a bug"))).toMatchObject({ status: 500 });
  });
});
