import type { SearchHit } from "@/lib/search/queries";
import { searchHref, type SearchRequest } from "@/lib/search/params";
import { MarkedText } from "./marked-text";
import { PublishedDate } from "./published-date";
import { SiteLink } from "./site-link";

/** A page of search results, best first, with the link to the next page. */
export function SearchResults({ hits, nextCursor, request }: { hits: SearchHit[]; nextCursor: number | null; request: SearchRequest }) {
  return (
    <>
      {request.after !== undefined && <p className="page-note">More results</p>}
      <ol className="search-results">
        {hits.map(({ story, headline, snippet }) => (
          <li key={story.id} className="search-result">
            <p className="kicker">{story.sectionName}</p>
            <h2>
              <SiteLink href={story.path}>
                <MarkedText text={headline} />
              </SiteLink>
            </h2>
            <p className="search-snippet">
              <MarkedText text={snippet} />
            </p>
            <PublishedDate iso={story.publishedAt} />
          </li>
        ))}
      </ol>
      {(nextCursor !== null || request.after !== undefined) && (
        <nav aria-label="Pages" className="pagination">
          {request.after !== undefined && (
            <SiteLink href={searchHref({ ...request, after: undefined })} rel="first">
              Best results
            </SiteLink>
          )}
          {nextCursor !== null && (
            <SiteLink href={searchHref({ ...request, after: nextCursor })} rel="next">
              More results
            </SiteLink>
          )}
        </nav>
      )}
    </>
  );
}
