import { HttpError, newsroomRoute, jsonResponse, positiveId, otherMethods, readJson } from "@/lib/http/route";
import { deleteMedia } from "@/lib/media/delete";
import { updateMediaDetails } from "@/lib/media/edit";
import { findMediaUses, getMediaDetails } from "@/lib/media/usage";

// GET /api/admin/media/:id – one image of the library and where it is used (`uses`: stories,
// authors, live streams, each with `kind`, `label`, `role` and `href`).
// PATCH /api/admin/media/:id – change any of `alt`, `caption` and `credit` (JSON; the upload's
// rules, 422 by field): 200 with the three. The pages that show the image are refreshed.
// DELETE /api/admin/media/:id – delete an image nothing uses: 204; 409 with `uses` while anything does.

type Params = { id: string };

export const GET = newsroomRoute<Params>(async (_request, _context, params) => {
  const image = await getMediaDetails(positiveId(params.id));
  if (!image) throw new HttpError(404, "Not found.");
  const { id, src, alt, caption, credit, width, height, bytes, uploadedByName, createdAt } = image;
  return jsonResponse(200, { id, src, alt, caption, credit, width, height, bytes, uploadedByName, createdAt, uses: await findMediaUses(id) });
});

export const PATCH = newsroomRoute<Params>(async (request, { user, ip }, params) => {
  const id = positiveId(params.id);
  return jsonResponse(200, { id, ...(await updateMediaDetails({ ...user, ip }, id, await readJson(request, 10_000))) });
});

export const DELETE = newsroomRoute<Params>(async (_request, { user, ip }, params) => {
  await deleteMedia({ ...user, ip }, positiveId(params.id));
  return new Response(null, { status: 204, headers: { "Cache-Control": "private, no-store" } });
});

export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
