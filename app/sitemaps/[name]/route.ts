import { errorResponse } from "@/lib/http/route";
import { machineResponse } from "@/lib/http/conditional";
import { parseSitemapName, readSitemap } from "@/lib/sitemaps/documents";

// GET /sitemaps/<name>.xml – one sitemap the index lists: sections.xml, news.xml, stories-<n>.xml,
// tags-<n>.xml or authors-<n>.xml. Any other name, or a page past the last, is 404.

export const dynamic = "force-dynamic";

const notFound = () =>
  new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=60" } });

export async function GET(request: Request, { params }: { params: Promise<{ name: string }> }) {
  try {
    const name = parseSitemapName((await params).name);
    const document = name && (await readSitemap(name));
    return document ? machineResponse(request, document) : notFound();
  } catch (error) {
    return errorResponse(error);
  }
}
