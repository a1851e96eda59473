import { answerFeed } from "@/lib/feeds/respond";

// GET /feed.atom – the site's latest stories as Atom 1.0.

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return answerFeed(request, { kind: "site", format: "atom" });
}
