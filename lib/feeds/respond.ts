import { errorResponse } from "@/lib/http/route";
import { machineResponse } from "@/lib/http/conditional";
import { loadFeedDocument, type FeedSubject } from "./documents";

// The one answer every feed route gives: the feed with ETag, Last-Modified, 304 and a CDN-friendly
// Cache-Control (lib/http/conditional.ts), or a 404 when there is no such feed.

export async function answerFeed(request: Request, subject: FeedSubject): Promise<Response> {
  try {
    const document = await loadFeedDocument(subject);
    if (!document) {
      return new Response("There is no feed at this address.", {
        status: 404,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=60" },
      });
    }
    return machineResponse(request, document);
  } catch (error) {
    return errorResponse(error);
  }
}
