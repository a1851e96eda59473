import { HttpError, newsroomRoute, jsonResponse, positiveId, otherMethods } from "@/lib/http/route";
import { deleteMedia } from "@/lib/media/delete";
import { findMediaUses, getMediaDetails } from "@/lib/media/usage";

// GET /api/admin/media/:id – one image of the library and where it is used (`uses`: stories,
// authors, live streams, each with `kind`, `label`, `role` and `href`).
// DELETE /api/admin/media/:id – delete an image nothing uses: 204; 409 with `uses` while anything does.

type Params = { id: string };

export const GET = newsroomRoute<Params>(async (_request, _context, params) => {
  const image = await getMediaDetails(positiveId(params.id));
  if (!image) throw new HttpError(404, "Not found.");
  const { id, src, alt, caption, credit, width, height, bytes, uploadedByName, createdAt } = image;
  return jsonResponse(200, { id, src, alt, caption, credit, width, height, bytes, uploadedByName, createdAt, uses: await findMediaUses(id) });
});

export const DELETE = newsroomRoute<Params>(async (_request, { user, ip }, params) => {
  await deleteMedia({ ...user, ip }, positiveId(params.id));
  return new Response(null, { status: 204, headers: { "Cache-Control": "private, no-store" } });
});

export const { POST, PUT, PATCH } = otherMethods("GET", "DELETE");
