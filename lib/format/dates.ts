import { env } from "@/lib/env";

// Dates as a newspaper prints them: "29 April 2024", "29 April 2024, 14:05 UTC".

function formatter(options: Intl.DateTimeFormatOptions, timeZone = env().timeZone) {
  return new Intl.DateTimeFormat("en-GB", { timeZone, ...options });
}

export function formatDate(iso: string, timeZone?: string): string {
  return formatter({ day: "numeric", month: "long", year: "numeric" }, timeZone).format(new Date(iso));
}

export function formatDateTime(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  const day = formatDate(iso, timeZone);
  const time = formatter(
    { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" },
    timeZone,
  ).format(date);
  return `${day}, ${time}`;
}

/** Whether a story was changed for readers after it was first published (worth an "Updated" line). */
export function wasUpdated(publishedAt: string, revisedAt: string | null): boolean {
  return revisedAt !== null && new Date(revisedAt).getTime() - new Date(publishedAt).getTime() > 60_000;
}
