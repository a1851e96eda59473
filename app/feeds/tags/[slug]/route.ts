import { answerFeed } from "@/lib/feeds/respond";

// GET /tags/<slug>/feed.xml (rewritten here by next.config.js) – the latest stories of one tag as RSS 2.0.

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return answerFeed(request, { kind: "tag", slug });
}
