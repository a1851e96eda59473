import { newsroomRoute, jsonResponse, positiveId, otherMethods } from "@/lib/http/route";
import { beatPresence, leavePresence, othersPresent } from "@/lib/stories/presence";

// GET /api/admin/stories/:id/presence – who else has the story open in the editor: {"others": [{"name"}]}.
// POST /api/admin/stories/:id/presence – "I have it open" (the editor's heartbeat); answers the same.
// POST …/presence?leave (what navigator.sendBeacon can send as a page goes away) or DELETE – "I left": 204.
// Anyone in the newsroom who may open the story; 404 for a story they may not.

type Params = { id: string };

export const GET = newsroomRoute<Params>(async (_request, { user }, params) => {
  return jsonResponse(200, { others: await othersPresent(user, positiveId(params.id)) });
});

const leave = newsroomRoute<Params>(async (_request, { user }, params) => {
  await leavePresence(user, positiveId(params.id));
  return new Response(null, { status: 204, headers: { "Cache-Control": "private, no-store" } });
});

const beat = newsroomRoute<Params>(async (_request, { user }, params) => {
  return jsonResponse(200, { others: await beatPresence(user, positiveId(params.id)) });
});

export async function POST(request: Parameters<typeof beat>[0], context: Parameters<typeof beat>[1]) {
  return request.nextUrl.searchParams.has("leave") ? leave(request, context) : beat(request, context);
}

export const DELETE = leave;
export const { PUT, PATCH } = otherMethods("GET", "POST", "DELETE");
