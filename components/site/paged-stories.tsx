import { SiteLink } from "./site-link";
import { olderPageHref } from "@/lib/http/search-params";
import type { StoryPage } from "@/lib/stories/queries";
import { StoryCard } from "./story-card";

// One page of a public list of stories (a section, a tag, an author): the newest as the lead on
// the first page, the rest as cards, and the Latest/Older links of keyset pagination.

export function PagedStories({
  page,
  path,
  before,
  emptyText,
}: {
  page: StoryPage;
  /** The list's own address, without ?before=. */
  path: string;
  before: number | null;
  emptyText: string;
}) {
  const [first, ...rest] = page.stories;
  return (
    <>
      {before !== null && <p className="page-note">Older stories</p>}
      {first ? (
        <div className="section-stories">
          <StoryCard story={first} variant={before === null ? "lead" : "standard"} headingLevel={2} eager />
          <div className="card-list">
            {rest.map((story) => (
              <StoryCard key={story.id} story={story} headingLevel={2} />
            ))}
          </div>
        </div>
      ) : (
        <p className="empty">{emptyText}</p>
      )}

      {(page.nextCursor !== null || before !== null) && (
        <nav aria-label="Pages" className="pagination">
          {before !== null && (
            <SiteLink href={path} rel="first">
              Latest stories
            </SiteLink>
          )}
          {page.nextCursor !== null && (
            <SiteLink href={olderPageHref(path, {}, page.nextCursor)} rel="next">
              Older stories
            </SiteLink>
          )}
        </nav>
      )}
    </>
  );
}
