// Wall-clock times in the site's time zone, as a `datetime-local` field shows and sends them
// ("2026-11-28T19:00", or with seconds when the field has a step under a minute). The newsroom plans the programme in the site's zone whatever the
// editor's computer says, and forms keep working without JavaScript.

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

function wallClock(date: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  return { year: part("year"), month: part("month"), day: part("day"), hour: part("hour"), minute: part("minute") };
}

/** How far the zone's clock is ahead of UTC at that instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const c = wallClock(new Date(instant), timeZone);
  return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute) - Math.floor(instant / 60_000) * 60_000;
}

/**
 * The instant a wall-clock time in `timeZone` names, or null when the text is not one. A time
 * repeated when the clocks go back is the first of the two; a time skipped when they go forward
 * is read on the clock from before the change (02:30 that never happened is 03:30).
 */
export function parseZonedLocal(value: string, timeZone: string): Date | null {
  const match = LOCAL.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  // Zone offsets change at most once a day: try the offsets from a day either side.
  const dayMs = 86_400_000;
  const before = asUtc - offsetAt(asUtc - dayMs, timeZone);
  const after = asUtc - offsetAt(asUtc + dayMs, timeZone);
  const fits = (instant: number) => offsetAt(instant, timeZone) === asUtc - instant;
  const candidates = [before, after].filter(fits);
  return new Date(candidates.length ? Math.min(...candidates) : before);
}

/** The `datetime-local` value for an instant, on the site's wall clock. */
export function toZonedLocal(date: Date, timeZone: string): string {
  const c = wallClock(date, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${c.year}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}`;
}

/** The same wall-clock time `days` calendar days later in `timeZone` (a day is 23 or 25 hours when the clocks change). */
export function addZonedDays(instant: Date, days: number, timeZone: string): Date {
  const [date, time] = toZonedLocal(instant, timeZone).split("T") as [string, string];
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
  return parseZonedLocal(`${shifted}T${time}`, timeZone) ?? new Date(instant.getTime() + days * 86_400_000);
}
