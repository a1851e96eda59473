import { describe, expect, it } from "vitest";
import { addZonedDays, formatZonedDateTime, parseInstant, parseZonedLocal, toZonedLocal } from "./zoned";

describe("wall-clock times in the site's time zone", () => {
  it("reads a datetime-local value in the zone, in winter and in summer", () => {
    expect(parseZonedLocal("2026-01-15T09:30", "Europe/London")?.toISOString()).toBe("2026-01-15T09:30:00.000Z");
    expect(parseZonedLocal("2026-07-15T09:30", "Europe/London")?.toISOString()).toBe("2026-07-15T08:30:00.000Z");
    expect(parseZonedLocal("2026-07-15T09:30", "America/New_York")?.toISOString()).toBe("2026-07-15T13:30:00.000Z");
    expect(parseZonedLocal("2026-07-15T09:30", "Asia/Kolkata")?.toISOString()).toBe("2026-07-15T04:00:00.000Z");
    expect(parseZonedLocal("2026-07-15T09:30", "UTC")?.toISOString()).toBe("2026-07-15T09:30:00.000Z");
    expect(parseZonedLocal("2026-07-15T09:30:15", "Europe/London")?.toISOString()).toBe("2026-07-15T08:30:15.000Z");
  });

  it("takes the first of a repeated hour and moves a skipped one forward", () => {
    // London goes back at 02:00 BST on 25 October 2026: 01:30 happens twice.
    expect(parseZonedLocal("2026-10-25T01:30", "Europe/London")?.toISOString()).toBe("2026-10-25T00:30:00.000Z");
    // …and forward at 01:00 GMT on 29 March 2026: 01:30 never happens.
    expect(parseZonedLocal("2026-03-29T01:30", "Europe/London")?.toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  it.each(["", "tomorrow", "2026-02-30T10:00", "2026-01-01T24:00", "2026-01-01 10:00", "2026-01-01T10:00:00Z", "2026-01-01T10:00:60"])(
    "refuses %j",
    (value) => {
      expect(parseZonedLocal(value, "UTC")).toBeNull();
    },
  );

  it("moves by calendar days, keeping the wall clock across a change of the clocks", () => {
    // From Monday 19 October 2026, midnight in London (BST), to Monday 26 October (GMT): 169 hours.
    const monday = parseZonedLocal("2026-10-19T00:00", "Europe/London")!;
    const next = addZonedDays(monday, 7, "Europe/London");
    expect(toZonedLocal(next, "Europe/London")).toBe("2026-10-26T00:00");
    expect(next.getTime() - monday.getTime()).toBe(169 * 3_600_000);
    expect(toZonedLocal(addZonedDays(parseZonedLocal("2026-03-30T00:00", "Europe/London")!, -7, "Europe/London"), "Europe/London")).toBe("2026-03-23T00:00");
    expect(toZonedLocal(addZonedDays(new Date("2026-12-30T10:00:00Z"), 3, "UTC"), "UTC")).toBe("2027-01-02T10:00");
  });

  it("writes an instant back as the zone's wall clock", () => {
    const instant = new Date("2026-07-15T13:30:00Z");
    expect(toZonedLocal(instant, "America/New_York")).toBe("2026-07-15T09:30");
    expect(parseZonedLocal(toZonedLocal(instant, "Asia/Kolkata"), "Asia/Kolkata")?.getTime()).toBe(instant.getTime());
  });

  it("reads years before 100 as they are written, not as 19xx", () => {
    expect(parseZonedLocal("0031-05-01T10:00", "UTC")?.toISOString()).toBe("0031-05-01T10:00:00.000Z");
    expect(parseZonedLocal("0099-12-31T23:59", "UTC")?.getUTCFullYear()).toBe(99);
  });
});

describe("instants from outside", () => {
  it.each([
    ["a wall-clock time, on the zone's clock", "2031-05-01T10:00", "2031-05-01T04:30:00.000Z"],
    ["UTC with milliseconds", "2031-05-01T10:00:00.250Z", "2031-05-01T10:00:00.250Z"],
    ["an offset east of UTC", "2031-05-01T10:00:00+02:00", "2031-05-01T08:00:00.000Z"],
    ["an offset west of UTC", "2031-05-01T10:00-05:30", "2031-05-01T15:30:00.000Z"],
    ["the last minute of 9999", "9999-12-31T23:59Z", "9999-12-31T23:59:00.000Z"],
  ])("reads %s", (_label, value, iso) => {
    expect(parseInstant(value, "Asia/Kolkata")?.toISOString()).toBe(iso);
  });

  it.each(["", "1", "tomorrow", "+275760-09-13T00:00:00.000Z", "275760-09-13T00:00", "+010000-01-01T00:00:00Z", "2031-02-30T10:00Z", "2031-05-01T10:00+24:00", "2031-05-01T10:00:00.1234Z", "2031-05-01 10:00Z"])(
    "refuses %j",
    (value) => {
      expect(parseInstant(value, "UTC")).toBeNull();
    },
  );

  it("shows an instant on the zone's clock, naming the zone", () => {
    expect(formatZonedDateTime("2031-05-01T04:30:00Z", "Asia/Kolkata")).toBe("1 May 2031, 10:00 GMT+5:30");
    expect(formatZonedDateTime("2031-05-01T10:00:00Z", "UTC")).toBe("1 May 2031, 10:00 UTC");
  });
});
