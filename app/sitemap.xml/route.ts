import { errorResponse } from "@/lib/http/route";
import { machineResponse } from "@/lib/http/conditional";
import { readSitemapIndex } from "@/lib/sitemaps/documents";

// GET /sitemap.xml – the sitemap index: sections, news, and every page of stories, tags and authors.

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    return machineResponse(request, await readSitemapIndex());
  } catch (error) {
    return errorResponse(error);
  }
}
