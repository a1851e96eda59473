import { answerFeed } from "@/lib/feeds/respond";

// GET /feed.xml – the site's latest stories as RSS 2.0.

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return answerFeed(request, { kind: "site", format: "rss" });
}
