import type { SearchRequest } from "@/lib/search/params";
import type { SectionNode } from "@/lib/sections/queries";
import { MAX_SEARCH_LENGTH } from "@/lib/stories/search-vector";

/** Every section, each under its parent, for the section choice. */
function sectionOptions(nodes: SectionNode[], depth = 0): { path: string; label: string }[] {
  return nodes.flatMap((node) => [{ path: node.path, label: `${"— ".repeat(depth)}${node.name}` }, ...sectionOptions(node.children, depth + 1)]);
}

/** The search page's form: the words and the filters, sent as a plain GET (no JavaScript needed). */
export function SearchForm({
  request,
  sections,
  authors,
}: {
  request: SearchRequest;
  sections: SectionNode[];
  authors: { slug: string; name: string }[];
}) {
  return (
    <form className="search-form" method="get" action="/search" role="search" aria-label="Search stories">
      <div className="search-form-words">
        <label htmlFor="search-q">Search for</label>
        <input type="search" id="search-q" name="q" maxLength={MAX_SEARCH_LENGTH} defaultValue={request.q} aria-describedby="search-hint" />
        <button type="submit">Search</button>
      </div>
      <p id="search-hint" className="search-hint">
        Put a phrase in &quot;quotes&quot;, use or between alternatives, and a minus before a word to leave it out.
      </p>
      <fieldset className="search-filters">
        <legend>Narrow the results</legend>
        <label>
          Section
          <select name="section" defaultValue={request.section ?? ""}>
            <option value="">All sections</option>
            {sectionOptions(sections).map((option) => (
              <option key={option.path} value={option.path}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Author
          <select name="author" defaultValue={request.author ?? ""}>
            <option value="">Any author</option>
            {authors.map((author) => (
              <option key={author.slug} value={author.slug}>
                {author.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" name="from" defaultValue={request.from ?? ""} />
        </label>
        <label>
          To
          <input type="date" name="to" defaultValue={request.to ?? ""} />
        </label>
      </fieldset>
    </form>
  );
}
