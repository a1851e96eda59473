import type { HlsAttacher } from "./live-audio-controller";

// The live audio's HLS playback through hls.js, fetched only when an HLS stream is loaded. Where
// hls.js does not work (Safari, which plays HLS itself) it answers null and the element plays the
// address natively.

export async function loadHlsAttacher(): Promise<HlsAttacher<HTMLMediaElement>> {
  const { default: Hls } = await import("hls.js");
  return (src, element, onFatalError) => {
    if (!Hls.isSupported()) return null;
    // Segments load only once playing starts (startLoad), not when the source is attached.
    const hls = new Hls({ autoStartLoad: false });
    hls.on(Hls.Events.ERROR, (_event, data) => {
      if (data.fatal) onFatalError();
    });
    hls.loadSource(src);
    hls.attachMedia(element);
    return hls;
  };
}
