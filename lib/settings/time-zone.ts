import { env } from "@/lib/env";

// The time zone dates are printed in when a caller names none (lib/format/dates.ts): the last
// one read from the site settings in this process (lib/settings/site.ts), or the environment's
// until then. Pages and the newsroom read the settings as they render, and the server's sweeper
// every few seconds, so another instance's save reaches this one within seconds.

const holder = globalThis as { meridianSiteTimeZone?: string };

export function rememberTimeZone(timeZone: string): void {
  holder.meridianSiteTimeZone = timeZone;
}

/** The site's time zone as last read (see above). */
export function siteTimeZone(): string {
  return holder.meridianSiteTimeZone ?? env().timeZone;
}
