import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm, Field } from "@/components/editor/action-form";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format/dates";
import { toZonedLocal } from "@/lib/format/zoned";
import { getLiveOverview, listUpcomingShows, type ShowView, type StreamView } from "@/lib/live/queries";
import { listMedia, type LibraryItem } from "@/lib/media/queries";
import { addShowAction, deleteShowAction, updateStreamAction } from "./actions";

// GET /editor/live – the live desk: each stream's address, status and poster, and its programme.

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

function Programme({ stream, shows, now }: { stream: StreamView; shows: ShowView[]; now: Date }) {
  const kind = kindName[stream.kind];
  if (shows.length === 0) return <p className="muted">Nothing scheduled from now on.</p>;
  return (
    <table className="data-table">
      <caption className="visually-hidden">{kind} programme from now on</caption>
      <thead>
        <tr>
          <th scope="col">Starts</th>
          <th scope="col">Ends</th>
          <th scope="col">Show</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {shows.map((show) => {
          const onNow = Date.parse(show.startsAt) <= now.getTime();
          const when = formatDateTime(show.startsAt);
          return (
            <tr key={show.id}>
              <td>
                <time dateTime={show.startsAt}>{when}</time>
              </td>
              <td>
                <time dateTime={show.endsAt}>{formatDateTime(show.endsAt)}</time>
              </td>
              <td>
                <strong>{show.title}</strong> {onNow && <span className="status status-published">On now</span>}
                {show.description && <div className="muted">{show.description}</div>}
              </td>
              <td>
                <ActionForm action={deleteShowAction} submitLabel={`Delete ${show.title} at ${when}`} className="inline-form" danger>
                  <Field type="hidden" name="showId" label="" defaultValue={String(show.id)} />
                  <Field type="hidden" name="title" label="" defaultValue={show.title} />
                </ActionForm>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function StreamDesk({ stream, shows, library, now }: { stream: StreamView; shows: ShowView[]; library: LibraryItem[]; now: Date }) {
  const { siteUrl, timeZone } = env();
  const kind = kindName[stream.kind];
  const readerPath = stream.kind === "video" ? "/live" : "/live/audio";
  // A new show most often follows the last one.
  const lastEnd = shows.at(-1)?.endsAt;
  const startDefault = toZonedLocal(lastEnd ? new Date(lastEnd) : new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000), timeZone);
  const endDefault = toZonedLocal(new Date(Date.parse(lastEnd ?? now.toISOString()) + 3_600_000), timeZone);
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
      <ActionForm action={updateStreamAction} submitLabel={`Save the ${kind.toLowerCase()} stream`}>
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

      <h3>Programme</h3>
      <Programme stream={stream} shows={shows} now={now} />

      <h3>Add a show</h3>
      <ActionForm action={addShowAction} submitLabel={`Add to the ${kind.toLowerCase()} programme`}>
        <Field type="hidden" name="streamId" label="" defaultValue={String(stream.id)} />
        <Field name="title" label={`${kind} show title`} required />
        <Field name="description" label={`${kind} show description`} type="textarea" />
        <Field name="startsAt" label={`${kind} show starts`} type="datetime-local" hint={`Site time (${timeZone}).`} defaultValue={startDefault} required />
        <Field name="endsAt" label={`${kind} show ends`} type="datetime-local" hint="At most 24 hours after it starts." defaultValue={endDefault} required />
      </ActionForm>
    </section>
  );
}

export default async function LiveDeskPage() {
  await requireUser(["admin", "editor"], "/editor/live");
  const now = new Date();
  const [streams, library] = await Promise.all([getLiveOverview(now), listMedia({ limit: 200 })]);
  const programmes = await Promise.all(streams.map((stream) => listUpcomingShows(stream.id, now)));
  return (
    <>
      <h1>Live</h1>
      <p className="muted">
        The Live and Audio Only streams. Changes reach readers within seconds. Times are in {env().timeZone}.
      </p>
      {streams.length === 0 && <p>There are no streams.</p>}
      {streams.map((stream, index) => (
        <StreamDesk key={stream.id} stream={stream} shows={programmes[index]!} library={library} now={now} />
      ))}
    </>
  );
}
