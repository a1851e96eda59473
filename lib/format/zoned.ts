// Wall-clock times in the site's time zone, as a `datetime-local` field shows and sends them
// ("2026-11-28T19:00", or with seconds when the field has a step under a minute), and as the
// newsroom reads them. The newsroom plans the programme and the schedule in the site's zone
// whatever the editor's computer says, and forms keep working without JavaScript. No settings are
// read here (the zone is passed in), so the editor's client components use it too.

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

const FORMATS = {
  wallClock: ["en-US", { hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }],
  date: ["en-GB", { day: "numeric", month: "long", year: "numeric" }],
  time: ["en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" }],
} satisfies Record<string, [string, Intl.DateTimeFormatOptions]>;

/**
 * Formatters by format and zone, made once per process: building an Intl.DateTimeFormat loads
 * locale and zone data (~0.1 ms), while formatting with one is cheap, and a page formats many dates.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(format: keyof typeof FORMATS, timeZone: string): Intl.DateTimeFormat {
  const key = `${format} ${timeZone}`;
  let made = formatters.get(key);
  if (!made) {
    const [locale, options] = FORMATS[format];
    made = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    formatters.set(key, made);
  }
  return made;
}

function wallClock(date: Date, timeZone: string) {
  const parts = formatter("wallClock", timeZone).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  return { year: part("year"), month: part("month"), day: part("day"), hour: part("hour"), minute: part("minute") };
}

/** Date.UTC, but reading years 0–99 as they are (Date.UTC makes them 1900–1999). */
function utc(year: number, month: number, day: number, hour: number, minute: number, second = 0): Date {
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year);
  return date;
}

/** How far the zone's clock is ahead of UTC at that instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const c = wallClock(new Date(instant), timeZone);
  return utc(c.year, c.month, c.day, c.hour, c.minute).getTime() - Math.floor(instant / 60_000) * 60_000;
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
  const check = utc(year, month, day, hour, minute, second);
  const asUtc = check.getTime();
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  // Zone offsets change at most once a day: try the offsets from a day either side.
  const dayMs = 86_400_000;
  const before = asUtc - offsetAt(asUtc - dayMs, timeZone);
  const after = asUtc - offsetAt(asUtc + dayMs, timeZone);
  const fits = (instant: number) => offsetAt(instant, timeZone) === asUtc - instant;
  const candidates = [before, after].filter(fits);
  return new Date(candidates.length ? Math.min(...candidates) : before);
}

const INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,3}))?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * An ISO 8601 time with its offset ("2031-05-01T10:00:00.000Z", "…+02:00"), or without one read on
 * `timeZone`'s wall clock ("2031-05-01T10:00"); null for anything else, impossible dates included.
 * Years have four digits: nothing here names a time past 9999.
 */
export function parseInstant(value: string, timeZone: string): Date | null {
  const match = INSTANT.exec(value);
  if (!match) return null;
  const [, local = "", fraction = "", zone = ""] = match;
  const wall = parseZonedLocal(local, zone ? "UTC" : timeZone);
  const offset = /^([+-])(\d{2}):(\d{2})$/.exec(zone);
  const [hours, minutes] = offset ? [Number(offset[2]), Number(offset[3])] : [0, 0];
  if (!wall || hours > 23 || minutes > 59) return null;
  const offsetMs = (offset?.[1] === "-" ? -1 : 1) * (hours * 60 + minutes) * 60_000;
  return new Date(wall.getTime() + Number(fraction.padEnd(3, "0")) - offsetMs);
}

/** "29 April 2024" on `timeZone`'s calendar. */
export function formatZonedDate(iso: string, timeZone: string): string {
  return formatter("date", timeZone).format(new Date(iso));
}

/** "29 April 2024, 14:05 UTC": the time on `timeZone`'s clock, the zone named. */
export function formatZonedDateTime(iso: string, timeZone: string): string {
  const time = formatter("time", timeZone).format(new Date(iso));
  return `${formatZonedDate(iso, timeZone)}, ${time}`;
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
