import { describe, expect, it } from "vitest";
import { barRects, largest, scaleTop, sparklinePoints } from "./geometry";

describe("chart geometry", () => {
  it("rounds a scale up to 1, 2 or 5 times a power of ten", () => {
    expect([0, 0.5, 1, 3, 7, 10, 11, 180, 201, 4999, 5001].map(scaleTop)).toEqual([1, 1, 1, 5, 10, 10, 20, 200, 500, 5000, 10000]);
    expect(largest([])).toBe(0);
    expect(largest([3, 9, 2])).toBe(9);
  });

  it("spaces a sparkline's points evenly, the largest at the top and 0 at the bottom", () => {
    expect(sparklinePoints([0, 5, 10], { width: 24, height: 14 }, 2)).toBe("2,12 12,7 22,2");
    // Nothing read: a flat line on the bottom, not a division by zero.
    expect(sparklinePoints([0, 0], { width: 10, height: 10 }, 1)).toBe("1,9 9,9");
    expect(sparklinePoints([4], { width: 10, height: 10 }, 1)).toBe("5,1");
    expect(sparklinePoints([], { width: 10, height: 10 })).toBe("");
  });

  it("stands bars on the baseline against a rounded scale, a gap between them", () => {
    expect(barRects([0, 4, 8], { width: 32, height: 100 }, 1)).toEqual([
      { x: 0, y: 100, width: 10, height: 0 },
      { x: 11, y: 60, width: 10, height: 40 },
      { x: 22, y: 20, width: 10, height: 80 },
    ]);
    // A day of a single view still reaches the top of a scale of 1.
    expect(barRects([1], { width: 5, height: 50 }, 1)).toEqual([{ x: 0, y: 0, width: 5, height: 50 }]);
    expect(barRects([], { width: 5, height: 50 })).toEqual([]);
  });
});
