import { newsroomRoute, jsonResponse, otherMethods } from "@/lib/http/route";
import { searchStoriesForPicker } from "@/lib/stories/editor-queries";
import { isIdText } from "@/lib/validation/ids";

// GET /api/admin/stories/search?q=&exclude= – stories for the related-story picker, found by the
// story search index (headline, deck, bylines, tags, body), of the
// stories the person may open.

export const GET = newsroomRoute(async (request, { user }) => {
  const q = (request.nextUrl.searchParams.get("q") ?? "").slice(0, 200);
  const rawExclude = request.nextUrl.searchParams.get("exclude") ?? undefined;
  // Not an id (or none): nothing to leave out.
  const exclude = isIdText(rawExclude) ? Number(rawExclude) : null;
  return jsonResponse(200, { results: q.trim() ? await searchStoriesForPicker(user, q, exclude) : [] });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
