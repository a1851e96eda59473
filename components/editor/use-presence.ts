"use client";

import { useEffect, useRef, useState } from "react";
import { sendAndReport } from "./send-and-report";

// Who else has this story open (lib/stories/presence.ts keeps the heartbeats in the database, so
// every app instance sees them). While the page is visible the editor says it is here every
// PRESENCE_BEAT_MS, and at once when the page shows again or the story is saved; it says it left
// as the page goes away (a beacon, which outlives the page) or the editor closes.

/** Well inside the server's 40-second window, so a present person never flickers out. */
const PRESENCE_BEAT_MS = 15_000;

/** The names of the others with the story open; `saved` (the revision) beats again when it changes. */
export function usePresence(storyId: number | null, saved: number): string[] {
  const [others, setOthers] = useState<string[]>([]);
  const beatRef = useRef<() => void>(() => {});

  useEffect(() => {
    if (storyId === null) return;
    const url = `/api/admin/stories/${storyId}/presence`;
    let live = true;
    const beat = async () => {
      if (document.visibilityState !== "visible") return;
      const result = await sendAndReport<{ others: { name: string }[] }>(url);
      if (live && result.kind === "ok") setOthers(result.data.others.map((other) => other.name));
    };
    const leave = () => navigator.sendBeacon(`${url}?leave`);
    const onVisibility = () => void beat();
    beatRef.current = onVisibility;
    void beat();
    const timer = setInterval(onVisibility, PRESENCE_BEAT_MS);
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pageshow", onVisibility);
    window.addEventListener("pagehide", leave);
    return () => {
      live = false;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pageshow", onVisibility);
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [storyId]);

  const lastSaved = useRef(saved);
  useEffect(() => {
    if (lastSaved.current === saved) return;
    lastSaved.current = saved;
    beatRef.current();
  }, [saved]);

  return others;
}
