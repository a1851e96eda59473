import type { Metadata } from "next";
import { SearchView } from "@/components/site/search-view";
import type { SearchParams } from "@/lib/http/search-params";
import { getCachedSearchAuthors } from "@/lib/search/cached";
import { readSearchParams } from "@/lib/search/params";
import { searchStories } from "@/lib/search/queries";
import { suggestSpelling } from "@/lib/search/suggestions";
import { getCachedSectionTree } from "@/lib/sections/cached";

// GET /search?q=&section=&author=&from=&to=&after= – the public search (lib/search/). Rendered for
// each request (it reads the query), never stored by the server's page store; a CDN may keep
// each address a minute (lib/http/page-cache-policy.ts). A malformed address gets its problems on
// the page, and the HTTP server makes its status 400 (lib/http/search-status.ts). Results pages
// are not for search engines: noindex, follow.

export const dynamic = "force-dynamic";

type Props = { searchParams: SearchParams };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { request } = readSearchParams(await searchParams);
  return {
    title: request.q ? `Search: ${request.q}` : "Search",
    description: "Search the stories.",
    robots: { index: false, follow: true },
  };
}

export default async function SearchPage({ searchParams }: Props) {
  const read = readSearchParams(await searchParams);
  const [tree, authors] = await Promise.all([getCachedSectionTree(), getCachedSearchAuthors()]);
  const outcome = read.ok ? await searchStories(read.request, tree) : null;
  const nothingFound = outcome?.kind === "results" && outcome.hits.length === 0 && read.request.after === undefined;
  const suggestion = nothingFound ? await suggestSpelling(read.request.q) : null;
  return (
    <SearchView
      request={read.request}
      problems={read.ok ? [] : read.problems}
      outcome={outcome}
      suggestion={suggestion}
      sections={tree.roots}
      authors={authors}
    />
  );
}
