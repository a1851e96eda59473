"use client";

import { useState } from "react";

// One small client component, as an article has (the copy-link button, the comment form).
export function ShareButton() {
  const [copied, setCopied] = useState(false);
  return (
    <button type="button" onClick={() => setCopied(true)}>
      {copied ? "Copied" : "Copy link"}
    </button>
  );
}
