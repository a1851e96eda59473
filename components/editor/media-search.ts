import type { MediaItem } from "./hero-picker";
import { sendAndReport } from "./send-and-report";

// The media pickers' search (a story's hero, images in its body, an author's photo): the whole
// library through the admin API, by words of the alt text, caption, credit or file name, one
// page at a time (the API pages by keyset: `before` is the last image shown). The state moves
// only through `reduceMediaSearch`, so it is tested without a browser.

export interface MediaPage {
  items: MediaItem[];
  /** The `before` of the next page; null on the last. */
  nextCursor: number | null;
}

export interface MediaSearchState extends MediaPage {
  /** What is typed in the search box. */
  q: string;
  status: "loading" | "idle" | "failed";
}

export type MediaSearchEvent =
  | { type: "typed"; q: string }
  | { type: "more" }
  | { type: "loaded"; page: MediaPage; append: boolean }
  | { type: "failed" };

export const initialMediaSearch: MediaSearchState = { q: "", items: [], nextCursor: null, status: "loading" };

export function reduceMediaSearch(state: MediaSearchState, event: MediaSearchEvent): MediaSearchState {
  switch (event.type) {
    case "typed":
      return { ...state, q: event.q, status: "loading" };
    case "more":
      return state.nextCursor === null ? state : { ...state, status: "loading" };
    case "loaded": {
      // An image uploaded meanwhile shifts nothing (keyset), but one shown twice is shown once.
      const seen = new Set(event.append ? state.items.map((item) => item.id) : []);
      const fresh = event.page.items.filter((item) => !seen.has(item.id));
      return { ...state, items: event.append ? [...state.items, ...fresh] : fresh, nextCursor: event.page.nextCursor, status: "idle" };
    }
    case "failed":
      return { ...state, status: "failed" };
  }
}

/** The admin API's address of one page of the library: the words typed, after the image `before`. */
export function mediaSearchAddress(q: string, before: number | null): string {
  const params = new URLSearchParams();
  if (q.trim()) params.set("q", q.trim());
  if (before !== null) params.set("before", String(before));
  const query = params.toString();
  return `/api/admin/media${query ? `?${query}` : ""}`;
}

/** One page of the library, or null when the API refused or could not be reached. */
export async function loadMediaPage(
  q: string,
  before: number | null,
  options: { signal?: AbortSignal; fetchImpl?: typeof fetch } = {},
): Promise<MediaPage | null> {
  const result = await sendAndReport<Partial<MediaPage>>(mediaSearchAddress(q, before), { method: "GET", ...options });
  if (result.kind !== "ok") return null;
  return { items: result.data.items ?? [], nextCursor: result.data.nextCursor ?? null };
}
