import { env } from "@/lib/env";
import { retryAfterHeader } from "@/lib/http/retry-after";
import { errorResponse, jsonResponse, otherMethods } from "@/lib/http/route";
import { getStreamOverview } from "@/lib/live/queries";

// GET /api/live/video · /api/live/audio – one stable link for external players, radio apps and
// smart speakers: 307 to the stream's current address, or 503 with Retry-After while off air.

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { slug } = await params;
    const stream = /^[a-z0-9-]{1,40}$/.test(slug) ? await getStreamOverview(slug) : null;
    if (!stream) return jsonResponse(404, { error: "There is no such stream." });
    if (!stream.playable) {
      const wait = stream.next ? Math.max(60, Math.ceil((Date.parse(stream.next.startsAt) - Date.now()) / 1000)) : 300;
      return jsonResponse(
        503,
        { error: `${stream.title} is off air.`, reason: "off_air", next: stream.next },
        retryAfterHeader(Math.min(wait, 86_400)),
      );
    }
    return new Response(null, {
      status: 307,
      headers: { Location: new URL(stream.url, env().siteUrl).toString(), "Cache-Control": "public, s-maxage=5" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
