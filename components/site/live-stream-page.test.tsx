import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { StreamView } from "@/lib/live/queries";
import { LiveStreamPage } from "./live-stream-page";

// Live and Audio Only share their page: on air it shows the kicker, the heading, the page's own
// player and the schedule; off air (or with no address) the notice with the next show.

const overview = vi.hoisted(() => ({ streams: [] as StreamView[] }));
vi.mock("@/lib/live/cached", () => ({ getCachedLiveOverview: () => Promise.resolve(overview.streams) }));
// Off air, the notice watches for the stream's return (a client refresh); no app router here.
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => {} }) }));

const show = { id: 1, title: "Morning Edition", description: "", startsAt: "2026-12-06T08:00:00.000Z", endsAt: "2026-12-06T10:00:00.000Z" };

function stream(playable: boolean): StreamView {
  return {
    id: 2,
    slug: "radio",
    kind: "audio",
    title: "Meridian Radio",
    status: playable ? "on_air" : "off_air",
    url: "/streams/radio.m3u8",
    poster: null,
    playable,
    now: playable ? show : null,
    next: playable ? null : show,
    schedule: [],
  };
}

async function render(): Promise<string> {
  const page = await LiveStreamPage({ kind: "audio", title: "Audio Only", children: (s) => <p className="player">{s.url}</p> });
  return renderToStaticMarkup(page);
}

describe("a live stream page", () => {
  beforeEach(() => {
    overview.streams = [];
  });

  it("shows the heading, the page's player and the schedule while on air", async () => {
    overview.streams = [stream(true)];
    const html = await render();
    expect(html).toMatch(/^<div class="live-page"><p class="kicker"><span class="live-dot" aria-hidden="true"><\/span> On air<\/p><h1>Audio Only<\/h1>/);
    expect(html).toContain('<p class="player">/streams/radio.m3u8</p>');
    expect(html).toContain("Morning Edition");
  });

  it.each([
    ["off air", [stream(false)]],
    ["missing", []],
  ])("shows the off-air notice when the stream is %s", async (_, streams) => {
    overview.streams = streams;
    const html = await render();
    expect(html).toContain("<h1>Audio Only</h1>");
    expect(html).toContain("Off air");
    expect(html).not.toContain('class="player"');
  });
});
