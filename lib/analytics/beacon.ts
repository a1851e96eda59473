import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { isbot } from "isbot";
import { BEACON_PATH, beaconStoryId } from "./beacon-protocol";
import type { ViewCounter } from "./counter";

// POST /api/views – the article page's view beacon (components/site/view-beacon.tsx), answered by
// the HTTP server itself before Next.js (scripts/serve.ts): a cached article never reaches Next,
// and a beacon costs a few microseconds here instead of a route handler's render. The body is
// the story id as JSON, `{"storyId":123}`. Every accepted beacon is answered 204, counted or not,
// so a bot learns nothing from the answer. Not counted: the newsroom (its session cookie), bots
// (their User-Agent, by isbot), and prefetches or prerenders (their purpose headers). No cookie
// is set and nothing from the request is kept but the story id.

/** `{"storyId":` and an id are far shorter: anything longer is not a beacon. */
const MAX_BODY_BYTES = 256;

/** Why a beacon is not a reader's view, or null when it is one. */
export function uncountedReason(headers: IncomingHttpHeaders, sessionCookie: string): "newsroom" | "bot" | "prefetch" | null {
  const cookie = headers.cookie;
  if (cookie && cookie.split(";").some((part) => part.trim().startsWith(`${sessionCookie}=`))) return "newsroom";
  const purpose = `${headers["sec-purpose"] ?? ""} ${headers.purpose ?? ""} ${headers["x-purpose"] ?? ""} ${headers["x-moz"] ?? ""}`;
  if (/prefetch|prerender/i.test(purpose)) return "prefetch";
  // Every browser names itself; a request that does not is a script.
  const agent = headers["user-agent"];
  if (!agent || isbot(agent)) return "bot";
  return null;
}

function answer(response: ServerResponse, status: number, message?: string, headers: Record<string, string> = {}) {
  const body = message === undefined ? undefined : JSON.stringify({ error: message });
  response.writeHead(status, {
    "Cache-Control": "private, no-store",
    ...(body === undefined ? {} : { "Content-Type": "application/json", "X-Content-Type-Options": "nosniff" }),
    ...headers,
  });
  response.end(body);
}

/** Answers the view beacon, or returns false for any other request. */
export function answerViewBeacon(request: IncomingMessage, response: ServerResponse, counter: ViewCounter, sessionCookie: string): boolean {
  const url = request.url ?? "/";
  if (url !== BEACON_PATH && !url.startsWith(`${BEACON_PATH}?`)) return false;
  if (request.method !== "POST") {
    answer(response, 405, "This address answers POST only.", { Allow: "POST" });
    return true;
  }
  if (Number(request.headers["content-length"] ?? 0) > MAX_BODY_BYTES) {
    answer(response, 413, `A view is a story id: at most ${MAX_BODY_BYTES} bytes.`, { Connection: "close" });
    request.resume();
    return true;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  request.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  });
  request.on("end", () => {
    if (size > MAX_BODY_BYTES) return answer(response, 413, `A view is a story id: at most ${MAX_BODY_BYTES} bytes.`);
    const storyId = beaconStoryId(Buffer.concat(chunks).toString("utf8"));
    if (storyId === null) return answer(response, 400, 'The body must be JSON naming a story: {"storyId": 123}.');
    if (uncountedReason(request.headers, sessionCookie) === null) counter.add(storyId);
    answer(response, 204);
  });
  request.on("error", () => response.destroy());
  return true;
}
