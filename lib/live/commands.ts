import { and, eq, gt, lt } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { liveShows, liveStreams, media } from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/actor";
import { invalidate } from "@/lib/cache/invalidate";
import { cacheTags } from "@/lib/cache/tags";
import { env } from "@/lib/env";
import { NotFoundError, parseInput, ValidationError } from "@/lib/errors";
import { requireLiveDesk } from "./permissions";
import { showInputSchema, streamInputSchema } from "./schemas";

// Editors and admins set each stream's address and status and its programme schedule; readers
// see the change within seconds (the `live` tag refreshes the live pages and every header).

/** An unknown stream is bad input (the id came in the request), answered 422 like the other fields. */
const noSuchStream = () => new ValidationError({ streamId: "There is no such stream." }, "There is no such stream.");

/** The live pages and every page's on-air badge (also after a poster's words change, lib/media/edit.ts). */
export const refreshLive = () => invalidate({ tags: [cacheTags.live], paths: ["/live", "/live/audio"] });

/**
 * Sets a stream's title, address, status and poster. Fields left out keep their values, so an
 * API client can send only `{"status": "off_air"}`.
 */
export async function updateStream(actor: Actor, streamId: number, raw: unknown, db: Db = getDb()) {
  requireLiveDesk(actor);
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new ValidationError({ form: "Send the stream as an object" });
  // Locked from read to write: two changes at once (a status from the API, an address from the
  // desk) both land, and the audit row goes with the change or not at all.
  const row = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(liveStreams).where(eq(liveStreams.id, streamId)).for("update");
    if (!before) throw noSuchStream();
    const { title, url, status, posterMediaId } = before;
    const input = parseInput(streamInputSchema(env().liveAllowHttp), { title, url, status, posterMediaId, ...raw });
    if (input.posterMediaId) {
      const [image] = await tx.select({ id: media.id }).from(media).where(eq(media.id, input.posterMediaId));
      if (!image) throw new ValidationError({ posterMediaId: "That image is not in the library." });
    }
    const [after] = await tx.update(liveStreams).set(input).where(eq(liveStreams.id, streamId)).returning();
    const details = { from: { status: before.status, url: before.url }, to: { status: after!.status, url: after!.url } };
    await recordAudit({ actorId: actor.id, action: "live.stream_update", targetType: "live_stream", targetId: streamId, details, ip: actor.ip }, tx);
    return after!;
  });
  refreshLive();
  return row;
}

export async function addShow(actor: Actor, streamId: number, raw: unknown, db: Db = getDb()) {
  requireLiveDesk(actor);
  const show = parseInput(showInputSchema, raw);
  // The stream's row lock makes adds to one stream take turns, so the overlap check sees every
  // show committed before it (READ COMMITTED; PGlite runs one transaction at a time).
  const row = await db.transaction(async (tx) => {
    const [stream] = await tx.select({ id: liveStreams.id }).from(liveStreams).where(eq(liveStreams.id, streamId)).for("update");
    if (!stream) throw noSuchStream();
    const [clash] = await tx
      .select({ title: liveShows.title })
      .from(liveShows)
      .where(and(eq(liveShows.streamId, streamId), lt(liveShows.startsAt, show.endsAt), gt(liveShows.endsAt, show.startsAt)))
      .limit(1);
    if (clash) throw new ValidationError({ startsAt: `This overlaps “${clash.title}”` });
    const [row] = await tx.insert(liveShows).values({ streamId, ...show }).returning();
    await recordAudit({ actorId: actor.id, action: "live.show_add", targetType: "live_show", targetId: row!.id, details: { streamId, title: show.title }, ip: actor.ip }, tx);
    return row!;
  });
  refreshLive();
  return row;
}

export async function deleteShow(actor: Actor, showId: number, db: Db = getDb()) {
  requireLiveDesk(actor);
  const row = await db.transaction(async (tx) => {
    const [deleted] = await tx.delete(liveShows).where(eq(liveShows.id, showId)).returning();
    if (!deleted) throw new NotFoundError("There is no such show.");
    await recordAudit({ actorId: actor.id, action: "live.show_delete", targetType: "live_show", targetId: showId, details: { title: deleted.title }, ip: actor.ip }, tx);
    return deleted;
  });
  refreshLive();
  return row;
}
