import Link from "next/link";
import type { ComponentProps } from "react";

/**
 * A link of the reading site: Next's client navigation (the live audio plays on across pages),
 * without prefetching. By default every link that scrolls into view fetches its page's payload,
 * which on a phone costs data and main-thread time while the page is still loading (Lighthouse
 * counted five such fetches and their long tasks on an article); a cached page answers a click
 * fast enough.
 */
export function SiteLink(props: ComponentProps<typeof Link>) {
  return <Link prefetch={false} {...props} />;
}
