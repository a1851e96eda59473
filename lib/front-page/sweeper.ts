import { invalidate } from "@/lib/cache/invalidate";
import { cacheTags } from "@/lib/cache/tags";
import { getDb, type Db } from "@/lib/db";
import { readStoredBanner, removeExpiredBanner } from "./banner";

// Run by the server with the story sweeper (scripts/serve.ts): at the banner's expiry it removes
// the banner and refreshes every cached page, so readers stop seeing it within seconds with no
// one in the newsroom. A banner that disappears otherwise (cleared on another instance, removed
// by another sweeper) refreshes this instance's pages too.

export function bannerSweeper(db?: Db): (now?: Date) => Promise<boolean> {
  let watching = false;
  return async (now = new Date()) => {
    const banner = await readStoredBanner(db ?? getDb());
    const expired = banner !== null && new Date(banner.expiresAt).getTime() <= now.getTime();
    if (expired) await removeExpiredBanner(now, db ?? getDb());
    const refresh = expired || (banner === null && watching);
    watching = banner !== null && !expired;
    if (refresh) invalidate({ tags: [cacheTags.frontPage] });
    return refresh;
  };
}
