"use client";

import { useEffect } from "react";
import { postView, sendWhenSeen } from "./view-beacon-controller";

/**
 * Counts a view of the article when the reader first sees it (./view-beacon-controller.ts); a
 * client navigation to another article counts that one too. Sends the story id only.
 */
export function ViewBeacon({ storyId }: { storyId: number }) {
  useEffect(() => sendWhenSeen(document, () => postView(storyId)), [storyId]);
  return null;
}
