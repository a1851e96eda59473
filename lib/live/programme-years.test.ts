import { describe, expect, it } from "vitest";
import { isStorableDate } from "@/lib/validation/dates";
import { isProgrammeDate, PROGRAMME_YEARS } from "./programme-years";

// Two ranges on purpose: a programme keeps to 2000–9999, any date stored to 0–9999.

describe("isProgrammeDate and isStorableDate", () => {
  it.each([
    ["year 0", "0000-01-01T00:00:00.000Z", false, true],
    ["the last instant of 1999", "1999-12-31T23:59:59.999Z", false, true],
    ["the first instant of 2000", "2000-01-01T00:00:00.000Z", true, true],
    ["today-ish", "2026-12-06T10:00:00.000Z", true, true],
    ["the last instant of 9999", "9999-12-31T23:59:59.999Z", true, true],
    ["the year 10000", "+010000-01-01T00:00:00.000Z", false, false],
    ["a year before 0", "-000001-12-31T23:59:59.999Z", false, false],
    ["no date at all", "not a date", false, false],
  ])("%s", (_name, iso, programme, storable) => {
    const date = new Date(iso);
    expect(isProgrammeDate(date)).toBe(programme);
    expect(isStorableDate(date)).toBe(storable);
  });

  it("names the range in messages", () => {
    expect(PROGRAMME_YEARS).toBe("the years 2000 and 9999");
  });
});
