import { SiteLink } from "./site-link";
import { formatDateTime } from "@/lib/format/dates";
import type { ShowView } from "@/lib/live/queries";

/** The Live and Audio Only pages while the stream is off air, with the next show's time. */
export function OffAir({ title, kind, next = null }: { title: string; kind: "video" | "audio"; next?: ShowView | null }) {
  return (
    <div className="page-narrow notice-page">
      <p className="kicker">{kind === "video" ? "Live video" : "Live audio"}</p>
      <h1>{title}</h1>
      <p className="off-air" role="status">
        <span className="off-air-dot" aria-hidden="true" /> Off air
      </p>
      <p>
        The {kind === "video" ? "live stream" : "audio stream"} is off air right now. Check back later,
        or read the <SiteLink href="/">latest stories</SiteLink>.
      </p>
      {next && (
        <p className="live-next">
          Next: <strong>{next.title}</strong> at <time dateTime={next.startsAt}>{formatDateTime(next.startsAt)}</time>
        </p>
      )}
    </div>
  );
}
