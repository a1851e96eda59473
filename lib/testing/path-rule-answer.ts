import type { IncomingMessage, ServerResponse } from "node:http";
import { answerPathRule } from "@/lib/routing/answer-path-rule";

/**
 * What the server's path-rule layer (lib/routing/answer-path-rule.ts) does with a request for
 * `url`, without a server: its outcome, the status and Location it wrote, and the address the
 * request goes on to (a 410 or a not-addressable path is rewritten to the page that says so).
 */
export async function answerOf(url: string) {
  const request = { url } as IncomingMessage;
  const response = {
    statusCode: 200,
    headers: {} as Record<string, string>,
    writeHead(status: number, headers: Record<string, string>) {
      this.statusCode = status;
      this.headers = headers;
      return this;
    },
    end() {},
  };
  const outcome = await answerPathRule(request, response as unknown as ServerResponse);
  return { outcome, status: response.statusCode, location: response.headers.Location, url: request.url };
}
