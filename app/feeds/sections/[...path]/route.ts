import { answerFeed } from "@/lib/feeds/respond";

// GET /<section path>/feed.xml (rewritten here by next.config.js) – a section's latest stories,
// its subsections' included, as RSS 2.0.

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const { path } = await params;
  return answerFeed(request, { kind: "section", path: path.join("/") });
}
