import { eq } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { media } from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/actor";
import { authorFeedPath } from "@/lib/feeds/addresses";
import { invalidate } from "@/lib/cache/invalidate";
import { cacheTags } from "@/lib/cache/tags";
import { ForbiddenError, NotFoundError, parseInput, ValidationError } from "@/lib/errors";
import { refreshLive } from "@/lib/live/commands";
import { authorPath } from "@/lib/routing/public-urls";
import { canChangeMedia } from "./delete";
import { mediaDetailsSchema } from "./upload";
import { findMediaShowings, type MediaShowings } from "./usage";

// Editing an image's alt text, caption and credit after upload, by the rules of the upload form
// (mediaDetailsSchema). The row and its audit entry are written together; then every page that
// shows the image is refreshed (lib/media/usage.ts knows them). A story keeps its own copy of the
// hero's words (stories.heroAlt, …) and of each body image's: they change in the story.

export type MediaDetails = { alt: string; caption: string; credit: string };

/** Sets an image's words; a field left out keeps its value (`details` is an object of any of `alt`, `caption`, `credit`). */
export async function updateMediaDetails(actor: Actor, id: number, details: unknown, db: Db = getDb()): Promise<MediaDetails> {
  if (!details || typeof details !== "object" || Array.isArray(details)) throw new ValidationError({}, "Send an object with any of `alt`, `caption` and `credit`.");
  const { saved, showings } = await db.transaction(async (tx) => {
    const [row] = await tx.select({ alt: media.alt, caption: media.caption, credit: media.credit, uploadedById: media.uploadedById }).from(media).where(eq(media.id, id)).for("update");
    if (!row) throw new NotFoundError("This image is no longer in the media library.");
    if (!canChangeMedia(actor, row.uploadedById)) throw new ForbiddenError("Only editors, admins and the person who uploaded an image change it.");
    const before = { alt: row.alt, caption: row.caption, credit: row.credit };
    const input = parseInput(mediaDetailsSchema, { ...before, ...details });
    await tx.update(media).set({ ...input, updatedAt: new Date() }).where(eq(media.id, id));
    await recordAudit({ actorId: actor.id, action: "media.update", targetType: "media", targetId: id, details: { from: before, to: input }, ip: actor.ip }, tx);
    return { saved: input, showings: await findMediaShowings(id, tx) };
  });
  refreshShowings(showings);
  return saved;
}

/** The articles (and the lists and cards that show them), author pages and feeds, the live pages and, for the logo, every page that show the image. */
function refreshShowings({ storyIds, authorSlugs, live, site }: MediaShowings): void {
  if (site) invalidate({ tags: [cacheTags.site] });
  if (storyIds.length || authorSlugs.length) {
    invalidate({
      tags: [cacheTags.storyLists, ...storyIds.map(cacheTags.story)],
      paths: authorSlugs.flatMap((slug) => [authorPath(slug), authorFeedPath(slug)]),
    });
  }
  if (live) refreshLive();
}
