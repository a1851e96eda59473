// Dates from outside, before they reach the database. A JavaScript date reaches the year 275760,
// but one outside the years 0–9999 is written "+010000-…" or "-000001-…", which PostgreSQL cannot
// read back: the query fails, a 500. Nothing a newsroom plans lies beyond the year 9999.

const FIRST = Date.parse("0000-01-01T00:00:00.000Z");
const LAST = Date.parse("9999-12-31T23:59:59.999Z");

/** Whether `date` is a real date within the years 0 to 9999 (UTC). */
export function isStorableDate(date: Date): boolean {
  const time = date.getTime();
  return time >= FIRST && time <= LAST;
}
