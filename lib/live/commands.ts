import { and, eq, gt, lt, ne, or } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { liveShows, liveStreams, media } from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/actor";
import { invalidate } from "@/lib/cache/invalidate";
import { cacheTags } from "@/lib/cache/tags";
import { env } from "@/lib/env";
import { fieldErrorsOf, NotFoundError, parseInput, ValidationError } from "@/lib/errors";
import { siteTimeZone } from "@/lib/settings/time-zone";
import { requireLiveDesk } from "./permissions";
import { clashMessage, repeatSlots, type Slot } from "./repeat";
import { repeatInputSchema, showInputSchema, streamInputSchema } from "./schemas";

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

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * Locks the stream, so that adds and edits to one stream take turns and each overlap check sees
 * every show committed before it (READ COMMITTED; PGlite runs one transaction at a time), then
 * answers the slots that overlap a show of the stream (other than `exceptShowId`), with its title.
 */
async function lockStreamAndFindClashes(tx: Tx, streamId: number, slots: Slot[], exceptShowId?: number) {
  const [stream] = await tx.select({ id: liveStreams.id }).from(liveStreams).where(eq(liveStreams.id, streamId)).for("update");
  if (!stream) throw noSuchStream();
  const overlapping = await tx
    .select({ title: liveShows.title, startsAt: liveShows.startsAt, endsAt: liveShows.endsAt })
    .from(liveShows)
    .where(
      and(
        eq(liveShows.streamId, streamId),
        exceptShowId === undefined ? undefined : ne(liveShows.id, exceptShowId),
        or(...slots.map((slot) => and(lt(liveShows.startsAt, slot.endsAt), gt(liveShows.endsAt, slot.startsAt)))),
      ),
    )
    .orderBy(liveShows.startsAt);
  return slots.flatMap((slot) => {
    const clash = overlapping.find((show) => show.startsAt < slot.endsAt && show.endsAt > slot.startsAt);
    return clash ? [{ startsAt: slot.startsAt, title: clash.title }] : [];
  });
}

export async function addShow(actor: Actor, streamId: number, raw: unknown, db: Db = getDb()) {
  requireLiveDesk(actor);
  const show = parseInput(showInputSchema, raw);
  const row = await db.transaction(async (tx) => {
    const [clash] = await lockStreamAndFindClashes(tx, streamId, [show]);
    if (clash) throw new ValidationError({ startsAt: `This overlaps “${clash.title}”` });
    const [row] = await tx.insert(liveShows).values({ streamId, ...show }).returning();
    await recordAudit({ actorId: actor.id, action: "live.show_add", targetType: "live_show", targetId: row!.id, details: { streamId, title: show.title }, ip: actor.ip }, tx);
    return row!;
  });
  refreshLive();
  return row;
}

/**
 * Adds a show and its repeats (`every`: "daily" or "weekly"; `times` in all, or `until` an
 * instant) as separate shows, each to edit or delete on its own: all of them, or none when any
 * overlaps the programme (the message names the dates).
 */
export async function addShowSeries(actor: Actor, streamId: number, raw: unknown, db: Db = getDb(), timeZone = siteTimeZone()) {
  requireLiveDesk(actor);
  const show = showInputSchema.safeParse(raw);
  const repeat = repeatInputSchema.safeParse(raw);
  if (!show.success || !repeat.success) {
    throw new ValidationError({ ...(repeat.success ? {} : fieldErrorsOf(repeat.error)), ...(show.success ? {} : fieldErrorsOf(show.error)) });
  }
  const slots = repeatSlots(show.data, repeat.data, timeZone);
  const { title, description } = show.data;
  const rows = await db.transaction(async (tx) => {
    const clashes = await lockStreamAndFindClashes(tx, streamId, slots);
    if (clashes.length > 0) throw new ValidationError({ startsAt: clashMessage(clashes, timeZone) });
    const rows = await tx
      .insert(liveShows)
      .values(slots.map((slot) => ({ streamId, title, description, ...slot })))
      .returning();
    const details = { streamId, title, every: repeat.data.every, shows: rows.length, ids: rows.map((row) => row.id) };
    await recordAudit({ actorId: actor.id, action: "live.show_repeat", targetType: "live_show", targetId: rows[0]!.id, details, ip: actor.ip }, tx);
    return rows;
  });
  refreshLive();
  return rows;
}

/**
 * Changes any of a show's fields, checked as when it was added (the show itself is no clash).
 * Fields left out keep their values, so an API client can send only `{"title": …}`.
 */
export async function editShow(actor: Actor, showId: number, raw: unknown, db: Db = getDb()) {
  requireLiveDesk(actor);
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new ValidationError({ form: "Send the show as an object" });
  const row = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(liveShows).where(eq(liveShows.id, showId));
    if (!before) throw new NotFoundError("There is no such show.");
    const { title, description, startsAt, endsAt } = before;
    const show = parseInput(showInputSchema, { title, description, startsAt, endsAt, ...raw });
    const [clash] = await lockStreamAndFindClashes(tx, before.streamId, [show], showId);
    if (clash) throw new ValidationError({ startsAt: `This overlaps “${clash.title}”` });
    const [after] = await tx.update(liveShows).set(show).where(eq(liveShows.id, showId)).returning();
    if (!after) throw new NotFoundError("There is no such show.");
    const summary = ({ title, startsAt, endsAt }: typeof before) => ({ title, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() });
    const details = { streamId: before.streamId, from: summary(before), to: summary(after) };
    await recordAudit({ actorId: actor.id, action: "live.show_edit", targetType: "live_show", targetId: showId, details, ip: actor.ip }, tx);
    return after;
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
