import { eq } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { media } from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/actor";
import { canDeleteAnyMedia } from "@/lib/auth/roles";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { logError } from "@/lib/log";
import { cropKeysOf } from "./crops";
import { mediaStore } from "./storage";
import type { MediaStore } from "./store";
import { findMediaUses } from "./usage";

// Deleting an image nothing uses. The row goes first, in a transaction that also checks the uses
// and writes the audit entry, so no row is ever left pointing at missing files; the files (the
// original, its WebP copies and any crops made from it) go after the commit. A file that cannot
// be removed is logged and left behind, unreachable: no page names it any more.

/** Editors and admins change (edit the words of, or delete) any image; anyone else only what they uploaded. */
export const canChangeMedia = (actor: Actor, uploadedById: number | null) => canDeleteAnyMedia(actor) || uploadedById === actor.id;

export async function deleteMedia(actor: Actor, id: number, db: Db = getDb(), store: MediaStore = mediaStore()): Promise<void> {
  const removed = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(media).where(eq(media.id, id)).for("update");
    if (!row) throw new NotFoundError("This image is no longer in the media library.");
    if (!canChangeMedia(actor, row.uploadedById)) throw new ForbiddenError("Only editors, admins and the person who uploaded an image delete it.");
    const uses = await findMediaUses(id, tx);
    if (uses.length) {
      const where = uses.map((use) => `${use.label} (${use.role})`).join("; ");
      throw new ConflictError(`This image is in use and cannot be deleted. Used in: ${where}.`, { uses });
    }
    await tx.delete(media).where(eq(media.id, id));
    await recordAudit({ actorId: actor.id, action: "media.delete", targetType: "media", targetId: id, details: { storageKey: row.storageKey, alt: row.alt }, ip: actor.ip }, tx);
    return row;
  });
  const keys = [removed.storageKey, ...removed.variants.map((variant) => variant.storageKey), ...cropKeysOf(removed.storageKey)];
  for (const key of keys) await store.delete(key).catch((error: unknown) => logError(`Could not remove ${key}: ${(error as Error).message}`));
}
