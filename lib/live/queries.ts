import { and, asc, eq, gt, lt } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { liveShows, liveStreams } from "@/db/schema";

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

export async function getLiveOverview(now = new Date(), db: Db = getDb()): Promise<StreamView[]> {
  const streams = await db.select().from(liveStreams).orderBy(asc(liveStreams.kind), asc(liveStreams.id));
  const from = new Date(now.getTime() - 6 * 3600_000);
  const to = new Date(now.getTime() + 24 * 3600_000);
  return Promise.all(
    streams.map(async (stream) => {
      const [schedule, [next]] = await Promise.all([
        db
          .select()
          .from(liveShows)
          .where(and(eq(liveShows.streamId, stream.id), gt(liveShows.endsAt, from), lt(liveShows.startsAt, to)))
          .orderBy(asc(liveShows.startsAt)),
        db
          .select()
          .from(liveShows)
          .where(and(eq(liveShows.streamId, stream.id), gt(liveShows.startsAt, now)))
          .orderBy(asc(liveShows.startsAt))
          .limit(1),
      ]);
      const current = schedule.find((show) => show.startsAt <= now && show.endsAt > now);
      return {
        id: stream.id,
        slug: stream.slug,
        kind: stream.kind,
        title: stream.title,
        status: stream.status,
        url: stream.url,
        playable: stream.status === "on_air" && stream.url !== "",
        now: current ? view(current) : null,
        next: next ? view(next) : null,
        schedule: schedule.map(view),
      };
    }),
  );
}

export async function getStreamOverview(slug: string, now = new Date(), db: Db = getDb()): Promise<StreamView | null> {
  return (await getLiveOverview(now, db)).find((stream) => stream.slug === slug) ?? null;
}
