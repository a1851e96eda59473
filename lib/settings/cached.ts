import { cache } from "react";
import { cachedRead } from "@/lib/cache/cached-read";
import { cacheTags } from "@/lib/cache/tags";
import { readPublicSiteSettings, type PublicSiteSettings } from "./site";
import { rememberTimeZone } from "./time-zone";

// The site settings for public pages, feeds and share cards (apart from site.ts, which the
// server's own bundle loads before React may be).

/**
 * The settings in force, cached under the `site` tag: a page that shows them is rendered afresh
 * when they are saved. React `cache` shares one read between a page and its metadata.
 */
export const getSiteSettings = cache(
  (): Promise<PublicSiteSettings> =>
    cachedRead(["site-settings"], [cacheTags.site], () => readPublicSiteSettings()).then((settings) => {
      rememberTimeZone(settings.timeZone);
      return settings;
    }),
);
