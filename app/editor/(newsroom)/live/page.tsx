import type { Metadata } from "next";
import { canRunLiveDesk } from "@/lib/auth/roles";
import Link from "next/link";
import { ActionForm, Field } from "@/components/editor/action-form";
import { DataTable, type Column } from "@/components/editor/data-table";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format/dates";
import { addZonedDays, parseZonedLocal, toZonedLocal } from "@/lib/format/zoned";
import { firstValues, type SearchParams } from "@/lib/http/search-params";
import { getLiveDesk, PROGRAMME_DAYS, programmeWeek, type ProgrammeWeek, type ShowView, type StreamView } from "@/lib/live/queries";
import { listMedia, type LibraryItem } from "@/lib/media/queries";
import { RepeatFields, ShowFields } from "@/components/editor/live-show-fields";
import { addShowAction, deleteShowAction, updateStreamAction } from "./actions";

// GET /editor/live?from=YYYY-MM-DD – the live desk: each stream's address, status and poster, and
// a week of its programme (from now, or from that day on the site's clock). The forms stay folded
// away until opened, so the programme is what the page shows first.

export const metadata: Metadata = { title: "Live" };

const kindName = { video: "Video", audio: "Audio" } as const;

const ADDRESS_HINT = {
  video: "An https:// HLS playlist (.m3u8), or a path on this site such as /live/demo/video/index.m3u8.",
  audio: "An https:// HLS playlist, an Icecast MP3 or AAC stream, or a path on this site such as /live/demo/audio/index.m3u8.",
} as const;

function posterOptions(library: LibraryItem[], current: StreamView["poster"]) {
  const options = [{ value: "", label: "No poster" }];
  const shorten = (alt: string) => (alt.length > 70 ? `${alt.slice(0, 69)}…` : alt);
  // The current poster stays choosable even when it is older than the newest 200 images.
  if (current && !library.some((item) => item.id === current.mediaId)) options.push({ value: String(current.mediaId), label: shorten(current.alt) });
  for (const item of library) options.push({ value: String(item.id), label: `${shorten(item.alt)} (#${item.id})` });
  return options;
}

/** "2 March 2031, 10:00 UTC – 11:00 UTC": the end's day only when it is another one. */
function ShowTimes({ show }: { show: ShowView }) {
  const [start, end] = [formatDateTime(show.startsAt), formatDateTime(show.endsAt)];
  const [startDay, endDay] = [start.split(", ")[0], end.split(", ")[0]];
  return (
    <>
      <time dateTime={show.startsAt}>{start}</time> – <time dateTime={show.endsAt}>{startDay === endDay ? end.slice(endDay!.length + 2) : end}</time>
    </>
  );
}

/** A programme's columns; `now` marks the show on air. */
function programmeColumns(now: Date): Column<ShowView>[] {
  return [
    { header: "When", cell: (show) => <ShowTimes show={show} /> },
    {
      header: "Show",
      cell: (show) => {
        const onNow = Date.parse(show.startsAt) <= now.getTime() && Date.parse(show.endsAt) > now.getTime();
        return (
          <>
            <strong>{show.title}</strong> {onNow && <span className="status status-published">On now</span>}
            {show.description && <div className="muted programme-description">{show.description}</div>}
          </>
        );
      },
    },
    {
      header: <span className="visually-hidden">Actions</span>,
      className: "row-actions",
      cell: (show) => {
        const named = (
          <span className="visually-hidden">
            {" "}
            {show.title} at {formatDateTime(show.startsAt)}
          </span>
        );
        return (
          <>
            <Link href={`/editor/live/shows/${show.id}`} className="button button-small">
              Edit{named}
            </Link>
            <button type="submit" name="showId" value={show.id} className="button button-danger button-small">
              Delete{named}
            </button>
          </>
        );
      },
    },
  ];
}

function Programme({ stream, shows, now }: { stream: StreamView; shows: ShowView[]; now: Date }) {
  const kind = kindName[stream.kind];
  return (
    // One form, so its message outlives the row it was about.
    <ActionForm action={deleteShowAction} className="programme-form">
      {shows.length === 0 && <p className="muted">Nothing scheduled in this week.</p>}
      <DataTable rows={shows} rowKey={(show) => show.id} columns={programmeColumns(now)} className="data-table programme-table" caption={`${kind} programme`} hidden={shows.length === 0} />
    </ActionForm>
  );
}

function StreamDesk({ stream, shows, library, now, from }: { stream: StreamView; shows: ShowView[]; library: LibraryItem[]; now: Date; from: Date }) {
  const { siteUrl, timeZone } = env();
  const kind = kindName[stream.kind];
  const readerPath = stream.kind === "video" ? "/live" : "/live/audio";
  // A new show most often follows the last one.
  const lastEnd = shows.at(-1)?.endsAt;
  const nextHour = Math.ceil(Math.max(now.getTime(), from.getTime()) / 3_600_000) * 3_600_000;
  const start = lastEnd ? Date.parse(lastEnd) : nextHour;
  const startDefault = toZonedLocal(new Date(start), timeZone);
  const endDefault = toZonedLocal(new Date(start + 3_600_000), timeZone);
  return (
    <section className="panel" aria-labelledby={`stream-${stream.slug}`}>
      <h2 id={`stream-${stream.slug}`}>
        {kind}: {stream.title}{" "}
        <span className={`status ${stream.status === "on_air" ? "status-published" : "status-draft"}`}>
          {stream.status === "on_air" ? "On air" : "Off air"}
        </span>
      </h2>
      <p className="muted">
        Readers: <Link href={readerPath}>{readerPath}</Link>. One link for external players and radio apps:{" "}
        <code>
          {siteUrl}/api/live/{stream.slug}
        </code>
      </p>
      <ActionForm action={updateStreamAction} submitLabel={`Save the ${kind.toLowerCase()} stream`} folded="Stream settings: title, address, status, poster">
        <Field type="hidden" name="streamId" label="" defaultValue={String(stream.id)} />
        <Field name="title" label={`${kind} stream title`} defaultValue={stream.title} required />
        <Field name="url" label={`${kind} stream address`} hint={ADDRESS_HINT[stream.kind]} defaultValue={stream.url} />
        <Field
          name="status"
          label={`${kind} stream status`}
          type="select"
          defaultValue={stream.status}
          options={[
            { value: "on_air", label: "On air" },
            { value: "off_air", label: "Off air" },
          ]}
        />
        <Field
          name="posterMediaId"
          label={`${kind} stream poster`}
          hint="Shown before the video plays and as lock-screen art. Upload images in Media."
          type="select"
          defaultValue={stream.poster ? String(stream.poster.mediaId) : ""}
          options={posterOptions(library, stream.poster)}
        />
      </ActionForm>

      <h3>
        Programme from <time dateTime={from.toISOString()}>{formatDateTime(from.toISOString())}</time>
      </h3>
      <Programme stream={stream} shows={shows} now={now} />

      <ActionForm action={addShowAction} submitLabel={`Add to the ${kind.toLowerCase()} programme`} folded="Add a show">
        <Field type="hidden" name="streamId" label="" defaultValue={String(stream.id)} />
        <ShowFields kind={kind} timeZone={timeZone} values={{ startsAt: startDefault, endsAt: endDefault }} />
        <RepeatFields kind={kind} />
      </ActionForm>
    </section>
  );
}

/** The week shown: from the start of `?from=` on the site's clock, or from now. */
function weekOf(raw: string | undefined, now: Date, timeZone: string): ProgrammeWeek {
  const day = raw && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? parseZonedLocal(`${raw}T00:00`, timeZone) : null;
  return (day && programmeWeek(day, timeZone)) ?? programmeWeek(now, timeZone)!;
}

function WeekNav({ from, timeZone }: { from: Date; timeZone: string }) {
  const day = (offsetDays: number) => toZonedLocal(addZonedDays(from, offsetDays, timeZone), timeZone).slice(0, 10);
  return (
    <nav aria-label="Programme weeks" className="filters">
      <form method="get" className="inline-form">
        <label>
          Programme from <input type="date" name="from" defaultValue={day(0)} />
        </label>{" "}
        <button type="submit" className="button">
          Show
        </button>
      </form>{" "}
      <Link href={`/editor/live?from=${day(-PROGRAMME_DAYS)}`}>Previous week</Link> · <Link href="/editor/live">Now</Link> ·{" "}
      <Link href={`/editor/live?from=${day(PROGRAMME_DAYS)}`}>Next week</Link>
    </nav>
  );
}

export default async function LiveDeskPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser(canRunLiveDesk, "/editor/live");
  const { timeZone } = env();
  const now = new Date();
  const week = weekOf((await firstValues(searchParams)).from, now, timeZone);
  const { from } = week;
  const [streams, library] = await Promise.all([getLiveDesk(week, now), listMedia({ limit: 200 })]);
  return (
    <>
      <h1>Live</h1>
      <p className="muted">
        The Live and Audio Only streams. Changes reach readers within seconds. Times are in {timeZone}.
      </p>
      <WeekNav from={from} timeZone={timeZone} />
      {streams.length === 0 && <p>There are no streams.</p>}
      {streams.map((stream) => (
        <StreamDesk key={stream.id} stream={stream} shows={stream.shows} library={library} now={now} from={from} />
      ))}
    </>
  );
}
