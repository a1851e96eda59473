"use client";

import { useEffect, useRef } from "react";
import { useLiveAudio } from "./live-audio";

/**
 * Plays an HLS stream in the live <video>: through hls.js (loaded only here) where Media Source
 * Extensions exist, natively elsewhere (Safari). Nothing starts on its own; the reader presses
 * play. The demo streams are short loops, hence `loop`. (Live audio has its own player in
 * live-audio.tsx, which loads segments only while playing.)
 */
function useHls(src: string) {
  const media = useRef<HTMLVideoElement | null>(null);
  useEffect(() => {
    const element = media.current;
    if (!element) return;
    let destroy = () => {};
    let cancelled = false;
    void import("hls.js").then(({ default: Hls }) => {
      if (cancelled) return;
      if (Hls.isSupported()) {
        const hls = new Hls();
        hls.loadSource(src);
        hls.attachMedia(element);
        destroy = () => hls.destroy();
      } else {
        element.src = src;
      }
    });
    return () => {
      cancelled = true;
      destroy();
    };
  }, [src]);
  return media;
}

export function LiveVideo({ src, title, poster }: { src: string; title: string; poster?: string }) {
  const media = useHls(src);
  const liveAudio = useLiveAudio();
  return (
    <video
      ref={media}
      className="live-video"
      controls
      playsInline
      loop
      preload="metadata"
      poster={poster}
      aria-label={`${title}, live video`}
      width={1280}
      height={720}
      // One sound at a time: the video stops the live audio.
      onPlay={() => liveAudio.pause()}
    />
  );
}
