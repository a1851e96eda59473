import { BEACON_PATH, beaconBody } from "@/lib/analytics/beacon-protocol";

// When an article counts as read: once per page shown to a reader, when it is first visible.
// A prerendered page (document.prerendering) or one opened in a background tab waits until the
// reader sees it; a page never seen sends nothing. Kept apart from the component so Vitest can
// drive it with a stand-in document.

/** The parts of `document` the beacon reads. */
export interface SeenDocument {
  prerendering?: boolean;
  visibilityState: string;
  addEventListener(type: "visibilitychange" | "prerenderingchange", listener: () => void): void;
  removeEventListener(type: "visibilitychange" | "prerenderingchange", listener: () => void): void;
}

/** Calls `send` once, as soon as `doc` is shown and not prerendering; returns the cancel. */
export function sendWhenSeen(doc: SeenDocument, send: () => void): () => void {
  let done = false;
  const stop = () => {
    doc.removeEventListener("visibilitychange", check);
    doc.removeEventListener("prerenderingchange", check);
  };
  function check() {
    if (done || doc.prerendering || doc.visibilityState !== "visible") return;
    done = true;
    stop();
    send();
  }
  doc.addEventListener("visibilitychange", check);
  doc.addEventListener("prerenderingchange", check);
  check();
  return () => {
    done = true;
    stop();
  };
}

/** Posts one view of `storyId`: a beacon (it outlives the page), else a keepalive fetch. */
export function postView(storyId: number, nav: Pick<Navigator, "sendBeacon"> = navigator): void {
  const body = beaconBody(storyId);
  if (typeof nav.sendBeacon === "function" && nav.sendBeacon(BEACON_PATH, body)) return;
  void fetch(BEACON_PATH, { method: "POST", body, keepalive: true }).catch(() => {});
}
