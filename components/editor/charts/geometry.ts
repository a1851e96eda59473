// The shapes of the newsroom's charts, as numbers: pure functions the SVG components draw and
// Vitest checks without rendering. Coordinates are in the SVG's own units (its viewBox), y down.

export interface Box {
  width: number;
  height: number;
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The top of a chart's scale: the smallest 1, 2 or 5 times a power of ten at or above `max` (1 at the least). */
export function scaleTop(max: number): number {
  // Views are whole numbers: no scale goes below 1.
  if (!(max > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((step) => step * power).find((top) => top >= max)!;
}

/** The largest value, 0 for none. */
export const largest = (values: readonly number[]): number => values.reduce((max, value) => Math.max(max, value), 0);

/**
 * A sparkline's points ("x,y x,y …"): evenly spaced from left to right, the largest value at the
 * top and 0 on the bottom, `inset` units in from every edge so the stroke is not cut. A single
 * value sits in the middle.
 */
export function sparklinePoints(values: readonly number[], box: Box, inset = 2): string {
  const top = largest(values) || 1;
  const innerWidth = box.width - 2 * inset;
  const innerHeight = box.height - 2 * inset;
  const step = values.length > 1 ? innerWidth / (values.length - 1) : 0;
  return values
    .map((value, i) => {
      const x = values.length > 1 ? inset + i * step : box.width / 2;
      const y = box.height - inset - (value / top) * innerHeight;
      return `${round(x)},${round(y)}`;
    })
    .join(" ");
}

/**
 * A bar chart's bars, left to right, each `gap` units apart, on a scale from 0 to `scaleTop` of
 * the largest value; a 0 is a bar of no height on the baseline.
 */
export function barRects(values: readonly number[], box: Box, gap = 1): Bar[] {
  if (values.length === 0) return [];
  const top = scaleTop(largest(values));
  const width = (box.width - gap * (values.length - 1)) / values.length;
  return values.map((value, i) => {
    const height = (value / top) * box.height;
    return { x: round(i * (width + gap)), y: round(box.height - height), width: round(width), height: round(height) };
  });
}
