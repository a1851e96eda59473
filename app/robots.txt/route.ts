import { machineResponse } from "@/lib/http/conditional";
import { readRobots } from "@/lib/sitemaps/documents";

// GET /robots.txt – the sitemaps for crawlers; the newsroom, the API and previews kept out.
// Dynamic: it names SITE_URL as the server is configured, not as it was at build time.

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return machineResponse(request, readRobots());
}
