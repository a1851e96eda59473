import { and, asc, eq, gt, inArray, lt } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { liveShows, liveStreams, media } from "@/db/schema";
import { mediaUrl } from "@/lib/media/urls";
import { addZonedDays } from "@/lib/format/zoned";
import { isProgrammeDate } from "./programme-years";

// The streams as readers and players see them: status, playable address, the show on now, the
// next one and the day's schedule.

export interface ShowView {
  id: number;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
}

export interface StreamView {
  id: number;
  slug: string;
  kind: "video" | "audio";
  title: string;
  status: "on_air" | "off_air";
  /** The address as set: https or a path on this site. */
  url: string;
  /** The library image shown before the video plays and as lock-screen art. */
  poster: { mediaId: number; src: string; width: number; height: number; alt: string } | null;
  /** On air with an address to play. */
  playable: boolean;
  now: ShowView | null;
  next: ShowView | null;
  /** Shows from 6 hours ago to 24 hours ahead. */
  schedule: ShowView[];
}

const view = (show: typeof liveShows.$inferSelect): ShowView => ({
  id: show.id,
  title: show.title,
  description: show.description,
  startsAt: show.startsAt.toISOString(),
  endsAt: show.endsAt.toISOString(),
});

/** The 960 px copy where the upload has one: enough for a player, a fraction of the original. */
const posterKey = (image: typeof media.$inferSelect) =>
  image.variants.find((variant) => variant.width >= 960)?.storageKey ?? image.storageKey;

/**
 * Every stream, or only `slug`'s, with its poster and shows: three queries whatever the number
 * of streams.
 */
async function loadStreams(now: Date, slug: string | undefined, db: Db): Promise<StreamView[]> {
  const streams = await db
    .select({ stream: liveStreams, poster: media })
    .from(liveStreams)
    .leftJoin(media, eq(media.id, liveStreams.posterMediaId))
    .where(slug === undefined ? undefined : eq(liveStreams.slug, slug))
    .orderBy(asc(liveStreams.kind), asc(liveStreams.id));
  if (streams.length === 0) return [];
  const ids = streams.map(({ stream }) => stream.id);
  const from = new Date(now.getTime() - 6 * 3600_000);
  const to = new Date(now.getTime() + 24 * 3600_000);
  const [shows, upcoming] = await Promise.all([
    db
      .select()
      .from(liveShows)
      .where(and(inArray(liveShows.streamId, ids), gt(liveShows.endsAt, from), lt(liveShows.startsAt, to)))
      .orderBy(asc(liveShows.startsAt)),
    // Each stream's first show after now, however far ahead.
    db
      .selectDistinctOn([liveShows.streamId])
      .from(liveShows)
      .where(and(inArray(liveShows.streamId, ids), gt(liveShows.startsAt, now)))
      .orderBy(asc(liveShows.streamId), asc(liveShows.startsAt)),
  ]);
  return streams.map(({ stream, poster }) => {
    const schedule = shows.filter((show) => show.streamId === stream.id);
    const current = schedule.find((show) => show.startsAt <= now && show.endsAt > now);
    const next = upcoming.find((show) => show.streamId === stream.id);
    return {
      id: stream.id,
      slug: stream.slug,
      kind: stream.kind,
      title: stream.title,
      status: stream.status,
      url: stream.url,
      poster: poster
        ? { mediaId: poster.id, src: mediaUrl(posterKey(poster)), width: poster.width, height: poster.height, alt: poster.alt }
        : null,
      playable: stream.status === "on_air" && stream.url !== "",
      now: current ? view(current) : null,
      next: next ? view(next) : null,
      schedule: schedule.map(view),
    };
  });
}

export function getLiveOverview(now = new Date(), db: Db = getDb()): Promise<StreamView[]> {
  return loadStreams(now, undefined, db);
}

export async function getStreamOverview(slug: string, now = new Date(), db: Db = getDb()): Promise<StreamView | null> {
  const [stream] = await loadStreams(now, slug, db);
  return stream ?? null;
}

/** How much programme the newsroom sees at once. */
export const PROGRAMME_DAYS = 7;

export interface ProgrammeWeek {
  from: Date;
  to: Date;
}

/**
 * The `PROGRAMME_DAYS` from `from` on the site's clock, or null when they do not all fall in the
 * programme's years (./programme-years.ts).
 */
export function programmeWeek(from: Date, timeZone: string): ProgrammeWeek | null {
  if (!isProgrammeDate(from)) return null;
  const to = addZonedDays(from, PROGRAMME_DAYS, timeZone);
  return isProgrammeDate(to) ? { from, to } : null;
}

/** The live desk: every stream, with its programme for the week. */
export async function getLiveDesk(week: ProgrammeWeek, now = new Date(), db: Db = getDb()) {
  const streams = await getLiveOverview(now, db);
  const programmes = await Promise.all(streams.map((stream) => listProgramme(stream.id, week.from, week.to, db)));
  return streams.map((stream, index) => ({ ...stream, shows: programmes[index]! }));
}

/** A stream's programme for the newsroom: shows running between `from` and `to` (at most 200). */
async function listProgramme(streamId: number, from: Date, to: Date, db: Db = getDb()): Promise<ShowView[]> {
  const rows = await db
    .select()
    .from(liveShows)
    .where(and(eq(liveShows.streamId, streamId), gt(liveShows.endsAt, from), lt(liveShows.startsAt, to)))
    .orderBy(asc(liveShows.startsAt))
    .limit(200);
  return rows.map(view);
}

/** A show for the newsroom's edit form, with its stream's kind and title; null when there is none. */
export async function getShowForDesk(showId: number, db: Db = getDb()) {
  const [row] = await db
    .select({ show: liveShows, kind: liveStreams.kind, streamTitle: liveStreams.title })
    .from(liveShows)
    .innerJoin(liveStreams, eq(liveStreams.id, liveShows.streamId))
    .where(eq(liveShows.id, showId));
  return row ? { ...view(row.show), kind: row.kind, streamTitle: row.streamTitle } : null;
}
