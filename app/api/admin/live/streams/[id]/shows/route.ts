import { newsroomRoute, jsonResponse, readJson, otherMethods } from "@/lib/http/route";
import { addShow } from "@/lib/live/commands";
import { streamIdParam } from "@/lib/live/schemas";

// POST /api/admin/live/streams/:id/shows – add a show: {title, description?, startsAt, endsAt},
// times as ISO 8601 with an offset. A show that ends before it starts, lasts over 24 hours or
// overlaps another, or an unknown stream: 422 with a message per field.

type Params = { id: string };

export const POST = newsroomRoute<Params>(async (request, { user, ip }, params) => {
  const show = await addShow({ ...user, ip }, streamIdParam(params.id), await readJson(request, 10_000));
  return jsonResponse(201, show);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
