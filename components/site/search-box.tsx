import { SEARCH_PATH } from "@/lib/routing/public-urls";
import { MAX_SEARCH_LENGTH } from "@/lib/stories/search-vector";

/** The header's search box: a plain GET form to /search, so it works without JavaScript. */
export function SearchBox() {
  return (
    <form className="site-search" method="get" action={SEARCH_PATH} role="search" aria-label="Site search">
      <label htmlFor="site-search-q" className="visually-hidden">
        Search stories
      </label>
      <input type="search" id="site-search-q" name="q" maxLength={MAX_SEARCH_LENGTH} placeholder="Search stories" autoComplete="off" />
      <button type="submit">Search</button>
    </form>
  );
}
