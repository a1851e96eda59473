import Link from "next/link";

/** The Live and Audio Only pages until the streams are set up: an honest off-air notice. */
export function OffAir({ title, kind }: { title: string; kind: "video" | "audio" }) {
  return (
    <div className="page-narrow notice-page">
      <p className="kicker">{kind === "video" ? "Live video" : "Live audio"}</p>
      <h1>{title}</h1>
      <p className="off-air" role="status">
        <span className="off-air-dot" aria-hidden="true" /> Off air
      </p>
      <p>
        The {kind === "video" ? "live stream" : "audio stream"} is off air right now. Check back later,
        or read the <Link href="/">latest stories</Link>.
      </p>
    </div>
  );
}
