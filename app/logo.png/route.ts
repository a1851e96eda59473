import { readLogoPng } from "@/lib/seo/logo-png";

// GET /logo.png – the publisher logo named by the structured data (lib/seo/publisher.ts).
// Dynamic so the response keeps its own long cache lifetime; the bytes are rendered once per process.

export const dynamic = "force-dynamic";

const LOGO_CACHE_CONTROL = "public, max-age=604800, s-maxage=604800, stale-while-revalidate=86400";

export async function GET() {
  const png = await readLogoPng();
  return new Response(png, { headers: { "Content-Type": "image/png", "Cache-Control": LOGO_CACHE_CONTROL } });
}
