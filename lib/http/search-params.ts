// Query strings of the newsroom's lists: what a page reads, and the address of its next page.

/** A page's `searchParams` prop, as Next.js passes it. */
export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Next.js search params as plain strings: the first value of each, empty ones left out. */
export async function firstValues(searchParams: SearchParams): Promise<Record<string, string | undefined>> {
  return Object.fromEntries(
    Object.entries(await searchParams).map(([key, value]) => [key, (Array.isArray(value) ? value[0] : value) || undefined]),
  );
}

/** A newsroom list with the filters in use; empty ones left out. */
export function listPageHref(path: string, filters: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== "") query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Every list's Older link, the newsroom's and the section pages': the same list with the filters in
 * use (empty ones left out), after `before` (the `nextCursor` of lib/pagination/keyset.ts).
 */
export function olderPageHref(path: string, filters: Record<string, string | number | undefined>, before: number): string {
  const href = listPageHref(path, { ...filters, before: undefined });
  return `${href}${href.includes("?") ? "&" : "?"}before=${before}`;
}
