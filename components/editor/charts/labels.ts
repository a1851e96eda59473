// How the charts name their days, hours and counts: the same words in the drawing's title, under
// its axis and in the table behind it.

const dayFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" });
const hourFormats = new Map<string, Intl.DateTimeFormat>();
const countFormat = new Intl.NumberFormat("en-GB");

/** A site day ("2026-12-07") as "Mon 7 Dec": the day is already the site's, so no zone applies. */
export const dayLabel = (day: string): string => dayFormat.format(new Date(`${day}T00:00:00Z`));

/** The hour starting at `hour`, on the site's clock: "7 Dec, 14:00". */
export function hourLabel(hour: Date, timeZone: string): string {
  let format = hourFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    hourFormats.set(timeZone, format);
  }
  return format.format(hour);
}

/** "1,234 views", "1 view". */
export const viewsLabel = (views: number): string => `${countFormat.format(views)} ${views === 1 ? "view" : "views"}`;

export const countLabel = (views: number): string => countFormat.format(views);

export const totalOf = (series: readonly { views: number }[]): number => series.reduce((sum, point) => sum + point.views, 0);
