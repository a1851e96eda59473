"use client";

import { useEffect, useId, useState } from "react";
import { sendAndReport } from "./send-and-report";

export interface PickedStory {
  id: number;
  headline: string;
}

/** Searches headlines as you type and picks one story. */
export function RelatedPicker({
  excludeId,
  label,
  onPick,
  onClose,
}: {
  excludeId: number | null;
  label: string;
  onPick: (story: PickedStory) => void;
  onClose?: () => void;
}) {
  const id = useId();
  const [q, setQ] = useState("");
  const [results, setResults] = useState<PickedStory[]>([]);

  useEffect(() => {
    if (!q.trim()) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const params = new URLSearchParams({ q, ...(excludeId ? { exclude: String(excludeId) } : {}) });
      void sendAndReport<{ results?: PickedStory[] }>(`/api/admin/stories/search?${params}`, { method: "GET", signal: controller.signal }).then((result) => {
        // A refused or superseded search leaves the list as it was.
        if (result.kind === "ok" && !controller.signal.aborted) setResults(result.data.results ?? []);
      });
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, excludeId]);

  return (
    <div className="picker">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        value={q}
        autoFocus
        onChange={(event) => {
          setQ(event.target.value);
          if (!event.target.value.trim()) setResults([]);
        }}
        onKeyDown={(event) => {
          if (event.key === "Escape") onClose?.();
        }}
        placeholder="Words of the headline"
      />
      {results.length > 0 && (
        <ul className="picker-results">
          {results.map((story) => (
            <li key={story.id}>
              <button type="button" className="link-button" onClick={() => onPick(story)}>
                {story.headline}
              </button>
            </li>
          ))}
        </ul>
      )}
      {q.trim() && results.length === 0 && <p className="muted">No headline matches.</p>}
    </div>
  );
}
