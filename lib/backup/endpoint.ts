import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import type { DbHandle } from "@/db/client";
import { logError } from "@/lib/log";
import { mediaStore } from "@/lib/media/storage";
import { writeBackup } from "./archive";

// POST /_meridian/backup – the running server's backup of its embedded database. Two processes
// must never open one PGlite directory (writes are lost silently), so while the server runs,
// `npm run backup` asks it for the archive. The server writes its port and a random token to
// DATA_DIR/backup-endpoint.json (readable by its owner only: whoever can read that file can read
// the database files anyway); the command reads it and posts the token back over 127.0.0.1.
// A request from elsewhere goes on to Next.js and its 404; a wrong token is a 403.

export const BACKUP_PATH = "/_meridian/backup";

export interface EndpointRecord {
  pid: number;
  port: number;
  token: string;
}

export const endpointFile = (dataDir: string) => path.join(dataDir, "backup-endpoint.json");

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);
const digest = (value: string) => createHash("sha256").update(value).digest();

function answerError(response: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): true {
  response.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers });
  response.end(JSON.stringify({ error: { code, message } }));
  return true;
}

/** Publishes the endpoint for `npm run backup`; returns the request handler (true: answered). */
export function openBackupEndpoint({ handle, dataDir, port }: { handle: DbHandle; dataDir: string; port: number }) {
  const token = randomBytes(32).toString("base64url");
  const file = endpointFile(dataDir);
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, JSON.stringify({ pid: process.pid, port, token } satisfies EndpointRecord), { mode: 0o600, flag: "wx" });
  process.once("exit", () => fs.rmSync(file, { force: true }));
  let running = false;

  return (request: IncomingMessage, response: ServerResponse): boolean => {
    if ((request.url ?? "").split("?")[0] !== BACKUP_PATH || !LOOPBACK.has(request.socket.remoteAddress ?? "")) return false;
    if (request.method !== "POST") return answerError(response, 405, "method_not_allowed", "Send a POST.", { Allow: "POST" });
    const presented = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1] ?? "";
    if (!timingSafeEqual(digest(presented), digest(token))) return answerError(response, 403, "forbidden", "The backup token is missing or wrong: run npm run backup.");
    if (running) return answerError(response, 409, "backup_running", "A backup is already being made; try again when it has finished.");
    running = true;
    response.writeHead(200, { "Content-Type": "application/gzip", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" });
    writeBackup({ handle, store: mediaStore(), via: "server" }, response)
      .catch((error: unknown) => logError(`The backup failed: ${(error as Error).message}`))
      .finally(() => {
        running = false;
      });
    return true;
  };
}
