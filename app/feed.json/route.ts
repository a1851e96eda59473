import { answerFeed } from "@/lib/feeds/respond";

// GET /feed.json – the site's latest stories as JSON Feed 1.1.

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return answerFeed(request, { kind: "site", format: "json" });
}
