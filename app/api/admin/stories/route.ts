import { newsroomRoute, jsonResponse, readJson, otherMethods } from "@/lib/http/route";
import { createStory } from "@/lib/stories/commands";

// POST /api/admin/stories – create a draft (any signed-in role). Body: the story (lib/stories/schemas.ts).

export const POST = newsroomRoute(async (request, { user, ip }) => {
  const created = await createStory({ ...user, ip }, await readJson(request));
  return jsonResponse(201, { ...created, status: "draft", editUrl: `/editor/stories/${created.id}` }, {
    Location: `/api/admin/stories/${created.id}`,
  });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
