import { siteTimeZone } from "@/lib/settings/time-zone";
import { formatZonedDate, formatZonedDateTime } from "./zoned";

// Dates as a newspaper prints them: "29 April 2024", "29 April 2024, 14:05 UTC", on the site's
// clock (the site settings' time zone, or SITE_TIMEZONE) unless another zone is given.

export function formatDate(iso: string, timeZone = siteTimeZone()): string {
  return formatZonedDate(iso, timeZone);
}

export function formatDateTime(iso: string, timeZone = siteTimeZone()): string {
  return formatZonedDateTime(iso, timeZone);
}

/** Whether a story was changed for readers after it was first published (worth an "Updated" line). */
export function wasUpdated(publishedAt: string, revisedAt: string | null): boolean {
  return revisedAt !== null && new Date(revisedAt).getTime() - new Date(publishedAt).getTime() > 60_000;
}
