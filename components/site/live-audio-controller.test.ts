import { describe, expect, it, vi } from "vitest";
import { type HlsAttacher, type HlsPlayback, LiveAudioController, type MediaElementLike, PLAY_BLOCKED, PLAY_FAILED } from "./live-audio-controller";
import { connectMediaSession, type MediaSessionLike } from "./live-audio-session";

// The live audio's rules, with a fake <audio> element, a fake HLS library and a fake Media
// Session: nothing loads before Play, segments load only while playing, one stream at a time,
// and every failure ends in a message the reader can act on.

const HLS = { src: "/streams/radio.m3u8", title: "Meridian Radio", nowPlaying: "Morning Edition", artwork: "/media/radio.jpg" };
const ICECAST = { src: "https://radio.example/stream.mp3", title: "Meridian Music", nowPlaying: null };

class FakeAudio implements MediaElementLike {
  paused = true;
  volume = 1;
  src = "";
  calls: string[] = [];
  playResult: () => Promise<void> = () => Promise.resolve();
  play() {
    this.calls.push("play");
    this.paused = false;
    return this.playResult();
  }
  pause() {
    this.calls.push("pause");
    this.paused = true;
  }
  load() {
    this.calls.push("load");
  }
  removeAttribute(name: string) {
    this.calls.push(`remove ${name}`);
    this.src = "";
  }
}

class FakeHls implements HlsPlayback {
  calls: string[] = [];
  constructor(
    readonly src: string,
    readonly fatal: () => void,
  ) {}
  startLoad() {
    this.calls.push("startLoad");
  }
  stopLoad() {
    this.calls.push("stopLoad");
  }
  destroy() {
    this.calls.push("destroy");
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup({ hlsSupported = true, hlsLoads = true } = {}) {
  const element = new FakeAudio();
  const instances: FakeHls[] = [];
  const attach: HlsAttacher<FakeAudio> = (src, _element, onFatalError) => {
    if (!hlsSupported) return null;
    const instance = new FakeHls(src, onFatalError);
    instances.push(instance);
    return instance;
  };
  const loadHls = vi.fn(() => (hlsLoads ? Promise.resolve(attach) : Promise.reject(new Error("chunk failed"))));
  const audio = new LiveAudioController<FakeAudio>({ loadHls, baseUrl: () => "https://meridian.example/news" });
  audio.setElement(element);
  return { audio, element, instances, loadHls };
}

describe("the live audio controller, playing", () => {
  it("shows a loaded stream without fetching a byte of it", () => {
    const { audio, element, instances } = setup();
    audio.load(ICECAST);
    expect(audio.getState()).toMatchObject({ stream: ICECAST, started: false, playing: false, error: null });
    expect(element.src).toBe("");
    expect(element.calls).toEqual([]);
    expect(instances).toEqual([]);
  });

  it("plays a native stream (Icecast) from the element itself, without the HLS library", async () => {
    const { audio, element, loadHls } = setup();
    audio.play(ICECAST);
    await flush();
    expect(element.src).toBe(ICECAST.src);
    expect(element.calls).toEqual(["play"]);
    expect(loadHls).not.toHaveBeenCalled();
    expect(audio.getState()).toMatchObject({ stream: ICECAST, started: true });
  });

  it("fetches the HLS library when an HLS stream is loaded, and loads segments only while playing", async () => {
    const { audio, element, instances, loadHls } = setup();
    audio.load(HLS);
    expect(loadHls).toHaveBeenCalledTimes(1);
    await flush();
    audio.play();
    const [hls] = instances;
    expect(hls?.src).toBe(HLS.src);
    expect(element.src).toBe("");
    audio.onPlay();
    audio.onPause();
    audio.onPlay();
    expect(hls?.calls).toEqual(["startLoad", "stopLoad", "startLoad"]);
    expect(audio.getState().playing).toBe(true);
  });

  it("plays HLS natively where the library does not work (Safari)", async () => {
    const { audio, element } = setup({ hlsSupported: false });
    audio.play(HLS);
    await flush();
    expect(element.src).toBe(HLS.src);
    expect(element.calls).toEqual(["play"]);
  });

  it("says so when the HLS library cannot be fetched", async () => {
    const { audio } = setup({ hlsLoads: false });
    audio.play(HLS);
    await flush();
    expect(audio.getState().error).toBe(PLAY_FAILED);
  });

  it("does not start when the reader paused while the HLS library was loading", async () => {
    const { audio, element } = setup();
    audio.play(HLS);
    audio.pause();
    await flush();
    expect(element.calls).not.toContain("play");
  });

});

describe("the live audio controller, failing", () => {
  it.each([
    ["NotAllowedError", PLAY_BLOCKED, HLS.src],
    ["AbortError", null, HLS.src],
    ["NotSupportedError", PLAY_FAILED, null],
  ])("answers a refused play (%s) with %j", async (name, error, attached) => {
    const { audio, element } = setup({ hlsSupported: false });
    element.playResult = () => Promise.reject(new DOMException("refused", name));
    audio.play(HLS);
    await flush();
    await flush();
    expect(audio.getState().error).toBe(error);
    expect(element.src || null).toBe(attached);
  });

  it("stops and says so on a fatal HLS error, but not on one from a playback it replaced", async () => {
    const { audio, instances } = setup();
    audio.play(HLS);
    await flush();
    audio.onPlay();
    const [first] = instances;
    first?.fatal();
    expect(first?.calls).toContain("destroy");
    expect(audio.getState()).toMatchObject({ playing: false, error: PLAY_FAILED });
    audio.play();
    const second = instances[1];
    expect(second).toBeDefined();
    first?.fatal();
    expect(audio.getState().error).toBeNull();
  });

  it.each([
    ["a decode error of the attached source", 3, true, PLAY_FAILED],
    ["an abort (the source was taken away)", 1, true, null],
    ["an error with no source attached", 4, false, null],
  ])("treats %s as such", async (_, code, attached, error) => {
    const { audio } = setup({ hlsSupported: false });
    if (attached) {
      audio.play(ICECAST);
      await flush();
    }
    audio.onError(code);
    expect(audio.getState().error).toBe(error);
  });

});

describe("the live audio controller, between streams", () => {
  it("keeps a playing stream when a page loads another, and switches when Play is pressed on it", async () => {
    const { audio, element } = setup();
    audio.play(ICECAST);
    await flush();
    audio.load(HLS);
    expect(audio.getState().stream).toEqual(ICECAST);
    audio.play(HLS);
    expect(audio.getState().stream).toEqual(HLS);
    expect(element.calls).toEqual(["play", "pause", "remove src", "load"]);
  });

  it("replaces a paused stream when a page loads another, and updates what plays on the same one", async () => {
    const { audio, element } = setup();
    audio.play(ICECAST);
    await flush();
    audio.load({ ...ICECAST, nowPlaying: "Evening Jazz" });
    expect(audio.getState().stream?.nowPlaying).toBe("Evening Jazz");
    expect(element.src).toBe(ICECAST.src);
    audio.pause();
    audio.load(HLS);
    expect(audio.getState()).toMatchObject({ stream: HLS, started: false });
    expect(element.src).toBe("");
  });

  it.each([
    [-1, 0],
    [0.35, 0.35],
    [2, 1],
  ])("sets the volume %d as %d", (asked, set) => {
    const { audio, element } = setup();
    audio.setVolume(asked);
    expect(audio.getState().volume).toBe(set);
    expect(element.volume).toBe(set);
  });

  it("forgets the stream when stopped, and notifies only on change", async () => {
    const { audio, element } = setup();
    const listener = vi.fn();
    audio.subscribe(listener);
    audio.play(ICECAST);
    await flush();
    listener.mockClear();
    audio.load(ICECAST);
    expect(listener).not.toHaveBeenCalled();
    audio.stop();
    expect(audio.getState()).toMatchObject({ stream: null, started: false, playing: false, error: null });
    expect(element.src).toBe("");
    expect(listener).toHaveBeenCalled();
  });
});

describe("the live audio controller, taken off air", () => {
  it("stops cleanly and says so when the stream goes off air, and plays again once it is back", async () => {
    const { audio, element, instances } = setup();
    audio.play(HLS);
    await flush();
    audio.onPlay();
    const [hls] = instances;
    audio.setOnAir(false);
    expect(hls?.calls).toEqual(["startLoad", "destroy"]);
    expect(element.paused).toBe(true);
    expect(element.calls.at(-1)).toBe("load");
    expect(audio.getState()).toMatchObject({ stream: HLS, started: true, playing: false, offAir: true });
    audio.setOnAir(true);
    expect(audio.getState().offAir).toBe(false);
    audio.play();
    await flush();
    expect(instances).toHaveLength(2);
  });

  it("lets a reader play after an old off-air status: the page they press Play on is newer", async () => {
    const { audio } = setup();
    audio.setOnAir(false);
    expect(audio.getState()).toMatchObject({ stream: null, offAir: true });
    audio.play(ICECAST);
    await flush();
    expect(audio.getState()).toMatchObject({ stream: ICECAST, started: true, offAir: false });
  });
});

describe("the live audio in the Media Session", () => {
  function fakeSession() {
    const handlers = new Map<string, MediaSessionActionHandler | null>();
    const session: MediaSessionLike = {
      metadata: null,
      playbackState: "none",
      setActionHandler(action, handler) {
        if (action === "stop") throw new TypeError("not supported");
        handlers.set(action, handler);
      },
    };
    return { session, handlers };
  }
  const metadata = (init: MediaMetadataInit) => init as MediaMetadata;

  it("shows the stream on the lock screen, passes its buttons on, and lets go when stopped", async () => {
    const { audio } = setup({ hlsSupported: false });
    const { session, handlers } = fakeSession();
    const disconnect = connectMediaSession(session, audio, "Meridian", metadata);
    expect(session.playbackState).toBe("none");
    audio.load(HLS);
    expect(session.metadata).toEqual({ title: "Morning Edition", artist: "Meridian Radio", album: "Meridian", artwork: [{ src: "/media/radio.jpg" }] });
    expect(session.playbackState).toBe("paused");
    expect([...handlers.keys()]).toEqual(["play", "pause"]);
    handlers.get("play")?.({ action: "play" });
    await flush();
    audio.onPlay();
    expect(session.playbackState).toBe("playing");
    audio.stop();
    expect(session.metadata).toBeNull();
    expect(session.playbackState).toBe("none");
    expect(handlers.get("play")).toBeNull();
    audio.load(ICECAST);
    expect(session.metadata).toMatchObject({ title: "Meridian Music", artwork: [] });
    disconnect();
    expect(handlers.get("pause")).toBeNull();
  });
});
