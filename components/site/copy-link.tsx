"use client";

import { useState } from "react";

/**
 * Without JavaScript this is a plain link to the story's canonical URL (copy it from the
 * browser); with JavaScript a click copies the URL and says so.
 */
export function CopyLink({ url }: { url: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <>
      <a
        href={url}
        onClick={async (event) => {
          if (!navigator.clipboard) return;
          event.preventDefault();
          await navigator.clipboard.writeText(url);
          setCopied(true);
          window.setTimeout(() => setCopied(false), 3000);
        }}
      >
        Copy link
      </a>
      <span role="status" className="copy-status">
        {copied ? "Link copied" : ""}
      </span>
    </>
  );
}
