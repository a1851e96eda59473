import { isStorableDate, LAST_STORABLE_YEAR } from "@/lib/validation/dates";

// The years a live programme may fall in: the desk, its forms and the admin API keep to the years
// 2000–9999. The end is what PostgreSQL stores (lib/validation/dates.ts, a wider rule for every
// date); the start is the desk's own: no show of this site is older, so an earlier year is a slip.

const FIRST_PROGRAMME_YEAR = 2000;

/** The range as messages name it: "the years 2000 and 9999". */
export const PROGRAMME_YEARS = `the years ${FIRST_PROGRAMME_YEAR} and ${LAST_STORABLE_YEAR}`;

/** Whether `date` is a real date in a year a programme may fall in (UTC). */
export function isProgrammeDate(date: Date): boolean {
  return isStorableDate(date) && date.getUTCFullYear() >= FIRST_PROGRAMME_YEAR;
}
