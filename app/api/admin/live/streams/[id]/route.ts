import { newsroomRoute, jsonResponse, readJson, otherMethods } from "@/lib/http/route";
import { updateStream } from "@/lib/live/commands";
import { streamIdParam } from "@/lib/live/schemas";

// PATCH /api/admin/live/streams/:id – set any of title, url, status ("on_air" | "off_air") and
// posterMediaId (null for none). Unknown streams and bad values: 422 with a message per field.

type Params = { id: string };

export const PATCH = newsroomRoute<Params>(async (request, { user, ip }, params) => {
  const stream = await updateStream({ ...user, ip }, streamIdParam(params.id), await readJson(request, 10_000));
  return jsonResponse(200, stream);
});

export const { GET, POST, PUT, DELETE } = otherMethods("PATCH");
