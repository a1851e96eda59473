import type { ShowView, StreamView } from "@/lib/live/queries";
import { formatDateTime } from "@/lib/format/dates";

function ShowLine({ label, show }: { label: string; show: ShowView }) {
  return (
    <p className="live-show">
      <span className="live-show-label">{label}</span> <strong>{show.title}</strong>{" "}
      <span className="muted">
        <time dateTime={show.startsAt}>{formatDateTime(show.startsAt)}</time>
      </span>
      {show.description && <span className="live-show-description"> {show.description}</span>}
    </p>
  );
}

/** On now, next, and the day's programme. */
export function LiveSchedule({ stream }: { stream: StreamView }) {
  return (
    <>
      {stream.now && <ShowLine label="On now:" show={stream.now} />}
      {stream.next && <ShowLine label="Next:" show={stream.next} />}
      {stream.schedule.length > 0 && (
        <section aria-labelledby={`schedule-${stream.slug}`} className="live-schedule">
          <h2 id={`schedule-${stream.slug}`}>Schedule</h2>
          <ol>
            {stream.schedule.map((show) => (
              <li key={show.id} aria-current={stream.now?.id === show.id ? "true" : undefined}>
                <time dateTime={show.startsAt}>{formatDateTime(show.startsAt)}</time> {show.title}
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
