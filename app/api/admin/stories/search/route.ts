import { newsroomRoute, jsonResponse, otherMethods } from "@/lib/http/route";
import { searchStoryHeadlines } from "@/lib/stories/editor-queries";
import { isIdText } from "@/db/ids";

// GET /api/admin/stories/search?q=&exclude= – headlines for the related-story picker, of the
// stories the person may open.

export const GET = newsroomRoute(async (request, { user }) => {
  const q = (request.nextUrl.searchParams.get("q") ?? "").slice(0, 200);
  const rawExclude = request.nextUrl.searchParams.get("exclude") ?? undefined;
  // Not an id (or none): nothing to leave out.
  const exclude = isIdText(rawExclude) ? Number(rawExclude) : null;
  return jsonResponse(200, { results: q.trim() ? await searchStoryHeadlines(user, q, exclude) : [] });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
