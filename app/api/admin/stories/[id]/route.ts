import { z } from "zod";
import { HttpError, newsroomRoute, jsonResponse, positiveId, readJson, otherMethods } from "@/lib/http/route";
import { ValidationError } from "@/lib/errors";
import { saveStory } from "@/lib/stories/commands";
import { getStoryForEditing } from "@/lib/stories/editor-queries";
import { canViewStory } from "@/lib/stories/permissions";
import { storyPath } from "@/lib/stories/queries";

// GET /api/admin/stories/:id – the story as the editor sees it.
// PATCH /api/admin/stories/:id – save a new version. Body: the story plus `baseRevision`, the
// revision the change started from; 409 when someone saved in between.

type Params = { id: string };

export const GET = newsroomRoute<Params>(async (_request, { user }, params) => {
  const story = await getStoryForEditing(positiveId(params.id));
  if (!story || !canViewStory(user, story)) throw new HttpError(404, "Not found.");
  return jsonResponse(200, { ...story, publicPath: storyPath(story.sectionPath, story.slug) });
});

const baseRevisionSchema = z.object({ baseRevision: z.number().int().positive() });

export const PATCH = newsroomRoute<Params>(async (request, { user, ip }, params) => {
  const id = positiveId(params.id);
  const body = await readJson(request);
  const base = baseRevisionSchema.safeParse(body);
  if (!base.success) throw new ValidationError({ baseRevision: "Send the revision this change started from" });
  const saved = await saveStory({ ...user, ip }, id, body, base.data.baseRevision);
  return jsonResponse(200, saved);
});

export const { POST, PUT, DELETE } = otherMethods("GET", "PATCH");
