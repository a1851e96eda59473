import type { StorySummary } from "@/lib/stories/queries";
import { SiteLink } from "./site-link";

/**
 * "Most read": the stories readers viewed most over the last day (lib/analytics/most-read.ts),
 * most first. Nothing when no story has been read yet.
 */
export function MostRead({ stories, id = "most-read-heading" }: { stories: StorySummary[]; id?: string }) {
  if (stories.length === 0) return null;
  return (
    <section className="most-read" aria-labelledby={id}>
      <h2 id={id} className="rule-heading">
        Most read
      </h2>
      <ol className="most-read-list">
        {stories.map((story) => (
          <li key={story.id}>
            <SiteLink href={story.path}>{story.headline}</SiteLink>
          </li>
        ))}
      </ol>
    </section>
  );
}
