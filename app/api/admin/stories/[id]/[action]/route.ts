import { readSiteSettings } from "@/lib/settings/site";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { HttpError, newsroomRoute, apiNotFoundResponse, jsonResponse, methodNotAllowedResponse, positiveId, readJson, readLimited } from "@/lib/http/route";
import { ValidationError } from "@/lib/errors";
import { parseInstant } from "@/lib/format/zoned";
import { createPreviewLink, revokePreviewLinks } from "@/lib/stories/previews";
import {
  addCorrection,
  publishStory,
  type PublicationDates,
  scheduleStory,
  sendBackStory,
  submitForReview,
  unpublishStory,
} from "@/lib/stories/workflow";
import { restoreStory, trashStory } from "@/lib/stories/trash";

// POST /api/admin/stories/:id/publish | schedule | unpublish | submit | corrections
// The workflow. `schedule` takes {"at": time}: ISO 8601 with an offset ("2031-05-01T10:00:00Z"), or
// without one on the site's clock (SITE_TIMEZONE), as the editor's datetime-local field sends it.
// `publish` may take {"publishedAt": time, "updatedAt": time} (editors and admins): the original
// publication and "Updated" times, read as `schedule` reads `at`; a publishedAt still to come schedules.
// `corrections` takes {"note": text}.
// POST /api/admin/stories/:id/send-back {"note": text} – a story in review back to its writer, as a draft, with the note.
// POST /api/admin/stories/:id/preview – a new private preview link; /preview-revoke ends them all.
// POST /api/admin/stories/:id/trash | restore – into the trash (409 while published) and back.

type Params = { id: string; action: string };

const scheduleSchema = z.object({ at: z.string() });
const UNREADABLE_TIME = "Enter the date and time, such as 2031-05-01T10:00";
const ACTIONS = new Set(["publish", "unpublish", "submit", "schedule", "corrections", "preview", "preview-revoke", "trash", "restore", "send-back"]);
const correctionSchema = z.object({ note: z.string() });
const noteSchema = z.object({ note: z.unknown() });

const datesSchema = z.object({ publishedAt: z.unknown().optional(), updatedAt: z.unknown().optional() });

/** The dates a publish request carries (none in an empty body); an unreadable one is a 422 beside its field, never ignored. */
async function readPublicationDates(request: NextRequest): Promise<PublicationDates> {
  if (!request.body) return {};
  if (!request.headers.get("content-type")) {
    if ((await readLimited(request, 1_000)).trim()) throw new HttpError(415, "Send the body as application/json.");
    return {};
  }
  const body = await readJson(request);
  const parsed = datesSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError({ publishedAt: "Send the dates as a JSON object" });
  const timeZone = (await readSiteSettings()).timeZone;
  const dates: PublicationDates = {};
  const errors: Record<string, string> = {};
  for (const field of ["publishedAt", "updatedAt"] as const) {
    const value = parsed.data[field];
    if (value === undefined) continue;
    const at = typeof value === "string" ? parseInstant(value.trim(), timeZone) : null;
    if (at) dates[field] = at;
    else errors[field] = UNREADABLE_TIME;
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return dates;
}

const runAction = newsroomRoute<Params>(async (request, { user, ip }, params) => {
  const id = positiveId(params.id);
  const actor = { ...user, ip };
  if (params.action === "preview") return jsonResponse(201, await createPreviewLink(actor, id));
  if (params.action === "preview-revoke") return jsonResponse(200, { revoked: await revokePreviewLinks(actor, id) });
  let story;
  switch (params.action) {
    case "publish":
      story = await publishStory(actor, id, undefined, await readPublicationDates(request));
      break;
    case "unpublish":
      story = await unpublishStory(actor, id);
      break;
    case "submit":
      story = await submitForReview(actor, id);
      break;
    case "trash":
      story = await trashStory(actor, id);
      break;
    case "restore":
      story = await restoreStory(actor, id);
      break;
    case "schedule": {
      const parsed = scheduleSchema.safeParse(await readJson(request));
      const at = parsed.success ? parseInstant(parsed.data.at.trim(), (await readSiteSettings()).timeZone) : null;
      if (!at) throw new ValidationError({ at: UNREADABLE_TIME });
      story = await scheduleStory(actor, id, at);
      break;
    }
    case "corrections": {
      const parsed = correctionSchema.safeParse(await readJson(request, 20_000));
      if (!parsed.success) throw new ValidationError({ note: "Write the correction" });
      story = await addCorrection(actor, id, parsed.data.note);
      break;
    }
    case "send-back": {
      const parsed = noteSchema.safeParse(await readJson(request, 20_000));
      story = await sendBackStory(actor, id, parsed.success ? parsed.data.note : undefined);
      break;
    }
    default:
      throw new HttpError(404, "Not found.");
  }
  return jsonResponse(200, {
    id: story.id,
    status: story.status,
    revision: story.revision,
    publishedAt: story.publishedAt,
    scheduledAt: story.scheduledAt,
  });
});

/** An unknown action is no address at all (404, before any sign-in check); a known one takes POST only. */
async function answer(request: NextRequest, context: { params: Promise<Params> }) {
  if (!ACTIONS.has((await context.params).action)) return apiNotFoundResponse();
  return request.method === "POST" ? runAction(request, context) : methodNotAllowedResponse(["POST"]);
}

export { answer as GET, answer as POST, answer as PUT, answer as PATCH, answer as DELETE };
