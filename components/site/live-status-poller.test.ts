import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { onAirOf, POLL_INTERVAL_MS, pollLiveStatus, type OnAir } from "./live-status-poller";

// Open pages poll the streams' status only while visible, at once when shown again, and never
// two requests at a time; a failed poll keeps what is known.

function setUp(answers: (() => Promise<OnAir>)[] = []) {
  let visible = true;
  let listener = () => {};
  const seen: OnAir[] = [];
  const fetchOnAir = vi.fn(() => (answers.shift() ?? (() => Promise.resolve({ video: true, audio: false })))());
  const stop = pollLiveStatus({
    fetchOnAir,
    onChange: (onAir) => seen.push(onAir),
    isVisible: () => visible,
    watchVisibility: (next) => {
      listener = next;
      return () => (listener = () => {});
    },
    setInterval: (run, ms) => Number(setInterval(run, ms)),
    clearInterval: (handle) => clearInterval(handle),
  });
  const show = (shown: boolean) => {
    visible = shown;
    listener();
  };
  return { fetchOnAir, seen, stop, show };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("the live status poller", () => {
  it("polls every interval while visible, and stops for good when asked", async () => {
    const { fetchOnAir, seen, stop } = setUp();
    expect(fetchOnAir).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS);
    expect(fetchOnAir).toHaveBeenCalledTimes(1);
    expect(seen).toEqual([{ video: true, audio: false }]);
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS);
    expect(fetchOnAir).toHaveBeenCalledTimes(2);
    stop();
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS * 4);
    expect(fetchOnAir).toHaveBeenCalledTimes(2);
  });

  it("polls nothing while hidden, and at once when shown again", async () => {
    const { fetchOnAir, show } = setUp();
    show(false);
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS * 5);
    expect(fetchOnAir).not.toHaveBeenCalled();
    show(true);
    expect(fetchOnAir).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS);
    expect(fetchOnAir).toHaveBeenCalledTimes(2);
  });

  it("keeps what is known when a poll fails, and sends one request at a time", async () => {
    let answer: (onAir: OnAir) => void = () => {};
    const slow = () => new Promise<OnAir>((resolve) => (answer = resolve));
    const { fetchOnAir, seen, show } = setUp([() => Promise.reject(new Error("offline")), slow]);
    show(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([]);
    show(true);
    show(true);
    expect(fetchOnAir).toHaveBeenCalledTimes(2);
    answer({ video: false, audio: false });
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([{ video: false, audio: false }]);
  });
});

describe("GET /api/live read as on air or not", () => {
  it("counts a stream on air when it has a playable address", () => {
    const body = {
      streams: [
        { slug: "video", kind: "video", status: "on_air", url: "https://example.test/live.m3u8" },
        { slug: "audio", kind: "audio", status: "off_air", url: null },
      ],
    };
    expect(onAirOf(body)).toEqual({ video: true, audio: false });
    expect(() => onAirOf({ error: { code: "unavailable" } })).toThrow();
  });
});
