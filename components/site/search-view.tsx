import type { SearchRequest } from "@/lib/search/params";
import { searchHref } from "@/lib/search/params";
import type { SearchOutcome } from "@/lib/search/queries";
import type { SectionNode } from "@/lib/sections/queries";
import { SearchForm } from "./search-form";
import { SearchResults } from "./search-results";
import { SiteLink } from "./site-link";

/** Why a search shows no results, in words, for each outcome that has none. */
const messages: Record<Exclude<SearchOutcome["kind"], "results">, string> = {
  empty: "Type a few words to search the stories.",
  "nothing-to-search": "Those words are too common to search by (such as “the” or “and”), or only signs. Try the words that matter.",
  "too-complex": "That search has too many words and signs. Try fewer words.",
  "unknown-section": "There is no such section. Choose one from the list, or search all sections.",
  "unknown-author": "There is no such author. Choose one from the list, or search every author’s stories.",
};

/** When the words matched nothing: the archive's closest words, and ways to widen the search. */
function NoResults({ request, suggestion }: { request: SearchRequest; suggestion: string | null }) {
  const narrowed = Boolean(request.section || request.author || request.from || request.to);
  return (
    <div className="search-none" role="status">
      <p>No stories match “{request.q}”.</p>
      {suggestion && (
        <p>
          Did you mean{" "}
          <SiteLink href={searchHref({ ...request, q: suggestion, after: undefined })} rel="nofollow">
            {suggestion}
          </SiteLink>
          ?
        </p>
      )}
      <ul>
        <li>Check the spelling, or try other words that say the same.</li>
        <li>Use fewer words, or leave out a phrase’s quotes.</li>
        {narrowed && (
          <li>
            <SiteLink href={searchHref({ q: request.q })}>Search all sections, authors and dates</SiteLink>
          </li>
        )}
      </ul>
    </div>
  );
}

/** The search page: the form, then the problems with the address, a message, or the results. */
export function SearchView(props: {
  request: SearchRequest;
  problems: string[];
  outcome: SearchOutcome | null;
  suggestion: string | null;
  sections: SectionNode[];
  authors: { slug: string; name: string }[];
}) {
  const { request, problems, outcome, suggestion } = props;
  return (
    <div className="search-page">
      <h1>{request.q ? `Search: ${request.q}` : "Search"}</h1>
      <SearchForm request={request} sections={props.sections} authors={props.authors} />
      {problems.length > 0 && (
        <div className="search-problems" role="alert">
          <p>This search could not be made:</p>
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      {outcome && outcome.kind !== "results" && <p className="search-message">{messages[outcome.kind]}</p>}
      {outcome?.kind === "results" &&
        (outcome.hits.length > 0 ? (
          <SearchResults hits={outcome.hits} nextCursor={outcome.nextCursor} request={request} />
        ) : (
          <NoResults request={request} suggestion={suggestion} />
        ))}
    </div>
  );
}
