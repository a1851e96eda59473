import { jsonResponse, newsroomRoute, positiveId, otherMethods, readJson } from "@/lib/http/route";
import { deleteShow, editShow } from "@/lib/live/commands";

// PATCH /api/admin/live/shows/:id – change any of a show's title, description, startsAt, endsAt
// (fields left out keep their values; checked as when it was added: 422 per field, 404).
// DELETE /api/admin/live/shows/:id – take a show off the programme: 204, or 404.

type Params = { id: string };

export const DELETE = newsroomRoute<Params>(async (_request, { user, ip }, params) => {
  await deleteShow({ ...user, ip }, positiveId(params.id));
  return new Response(null, { status: 204, headers: { "Cache-Control": "private, no-store" } });
});

export const PATCH = newsroomRoute<Params>(async (request, { user, ip }, params) => {
  const show = await editShow({ ...user, ip }, positiveId(params.id), await readJson(request, 10_000));
  return jsonResponse(200, show);
});

export const { GET, POST, PUT } = otherMethods("PATCH", "DELETE");
