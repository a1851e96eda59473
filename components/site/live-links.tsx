"use client";

import { SiteLink } from "./site-link";
import { useLiveStatus } from "./live-status";

/** The header's Live and Audio Only links, marked while their stream is on air. */
export function LiveLinks() {
  const onAir = useLiveStatus();
  return (
    <nav aria-label="Live streams" className="live-links">
      <SiteLink href="/live" className="live-link">
        {onAir.video && <span className="live-dot" aria-hidden="true" />}
        Live
        {onAir.video && <span className="on-air-badge">On air</span>}
      </SiteLink>
      <SiteLink href="/live/audio" className="live-link">
        Audio Only
        {onAir.audio && <span className="on-air-badge">On air</span>}
      </SiteLink>
    </nav>
  );
}
