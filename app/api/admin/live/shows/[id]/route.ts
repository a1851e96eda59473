import { newsroomRoute, positiveId, otherMethods } from "@/lib/http/route";
import { deleteShow } from "@/lib/live/commands";

// DELETE /api/admin/live/shows/:id – take a show off the programme: 204, or 404.

type Params = { id: string };

export const DELETE = newsroomRoute<Params>(async (_request, { user, ip }, params) => {
  await deleteShow({ ...user, ip }, positiveId(params.id));
  return new Response(null, { status: 204, headers: { "Cache-Control": "private, no-store" } });
});

export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
