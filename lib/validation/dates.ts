// Dates from outside, before they reach the database. A JavaScript date reaches the year 275760,
// but one outside the years 0–9999 is written "+010000-…" or "-000001-…", which PostgreSQL cannot
// read back: the query fails, a 500. Nothing a newsroom plans lies beyond the year 9999.

/** The last year a date can fall in and still be read back from PostgreSQL. */
export const LAST_STORABLE_YEAR = 9999;

const FIRST = Date.parse("0000-01-01T00:00:00.000Z");
const LAST = Date.UTC(LAST_STORABLE_YEAR + 1, 0, 1) - 1;

/** Whether `date` is a real date within the years 0 to 9999 (UTC). */
export function isStorableDate(date: Date): boolean {
  const time = date.getTime();
  return time >= FIRST && time <= LAST;
}
