import { env } from "@/lib/env";
import { errorResponse, otherMethods } from "@/lib/http/route";
import { getCachedLiveOverview } from "@/lib/live/cached";

// GET /api/live – every stream's status, playable address, the show on now and the next one.
// Open pages poll it (components/site/live-status-poller.ts), so it reads the cached overview the
// pages read: no query per poll, fresh as soon as the desk changes a stream (the `live` tag).

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const { siteUrl } = env();
    const streams = await getCachedLiveOverview();
    return Response.json(
      {
        streams: streams.map((stream) => ({
          slug: stream.slug,
          kind: stream.kind,
          title: stream.title,
          status: stream.status,
          url: stream.playable ? new URL(stream.url, siteUrl).toString() : null,
          link: `${siteUrl}/api/live/${stream.slug}`,
          now: stream.now,
          next: stream.next,
        })),
      },
      { headers: { "Cache-Control": "public, s-maxage=5, stale-while-revalidate=30" } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
