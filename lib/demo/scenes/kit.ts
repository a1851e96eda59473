// Shared drawing kit for the hero-image scenes: seeded randomness, time-of-day palettes,
// gradient registration and a few SVG shape helpers. Every scene draws on a fixed
// 1600×900 canvas; scenes.ts scales it to the requested size via the viewBox.

export const W = 1600;
export const H = 900;

export type TimeOfDay = "dawn" | "day" | "dusk" | "night";
export const timesOfDay: readonly TimeOfDay[] = ["dawn", "day", "dusk", "night"];

/** Tiny seeded PRNG (mulberry32): same seed, same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a string, for seeding. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Rng {
  (): number;
  range(min: number, max: number): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function makeRng(seed: number): Rng {
  const next = mulberry32(seed);
  const rng = (() => next()) as Rng;
  rng.range = (min, max) => min + next() * (max - min);
  rng.int = (min, max) => Math.floor(min + next() * (max - min + 1));
  rng.pick = (items) => items[Math.floor(next() * items.length)]!;
  rng.chance = (p) => next() < p;
  return rng;
}

// ---------------------------------------------------------------------------------------
// Colour

function parseHex(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

function toHex(rgb: [number, number, number]): string {
  return "#" + rgb.map((c) => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, "0")).join("");
}

/** Linear mix of two #rrggbb colours; t = 0 gives a, t = 1 gives b. */
export function mix(a: string, b: string, t: number): string {
  const x = parseHex(a);
  const y = parseHex(b);
  return toHex([x[0] + (y[0] - x[0]) * t, x[1] + (y[1] - x[1]) * t, x[2] + (y[2] - x[2]) * t]);
}

export const darken = (c: string, t: number) => mix(c, "#000000", t);
export const lighten = (c: string, t: number) => mix(c, "#ffffff", t);

export interface Palette {
  time: TimeOfDay;
  skyTop: string;
  skyBottom: string;
  /** Sun by day, moon by night. */
  sun: string;
  glow: string;
  cloud: string;
  /** Warm artificial light: lit windows, lamps. */
  light: string;
  /** Unlit window glass. */
  glass: string;
  /** An accent picked per variant (flags, awnings, stripes). */
  accent: string;
  accent2: string;
  /** Tint a natural (daylight) colour to this time of day. */
  c(daylight: string): string;
  /** A gentler tint, for lit interiors. */
  soft(daylight: string): string;
}

const basePalettes: Record<TimeOfDay, Omit<Palette, "time" | "accent" | "accent2" | "c" | "soft"> & { tint: string; amount: number }> = {
  dawn: { skyTop: "#6f86bd", skyBottom: "#fbcfa8", sun: "#fff0c8", glow: "#ffd9ae", cloud: "#fbe1d3", light: "#ffe2a0", glass: "#9fb2d6", tint: "#e58f8a", amount: 0.18 },
  day: { skyTop: "#3f93db", skyBottom: "#cfe9f7", sun: "#fff6cf", glow: "#fffbe8", cloud: "#ffffff", light: "#f4f9ff", glass: "#a9cde6", tint: "#ffffff", amount: 0 },
  dusk: { skyTop: "#2f2a63", skyBottom: "#f59063", sun: "#ffc077", glow: "#ffb37a", cloud: "#eaa2a0", light: "#ffcf6e", glass: "#6d5f8f", tint: "#5b2f6b", amount: 0.32 },
  night: { skyTop: "#060f2a", skyBottom: "#23386a", sun: "#f4f1dd", glow: "#3a5592", cloud: "#2e4070", light: "#ffd66b", glass: "#1c2a4d", tint: "#0a1434", amount: 0.6 },
};

const accents = ["#b3261e", "#e0893a", "#2f8f83", "#c2457a", "#3568b8", "#e2b23a", "#6a4bb0", "#d0523b"];

export function makePalette(time: TimeOfDay, rng: Rng): Palette {
  const { tint, amount, ...base } = basePalettes[time];
  const i = rng.int(0, accents.length - 1);
  const accent = accents[i]!;
  const accent2 = accents[(i + rng.int(2, accents.length - 2)) % accents.length]!;
  const c = (daylight: string) => (amount === 0 ? daylight : mix(daylight, tint, amount));
  const soft = (daylight: string) => (amount === 0 ? daylight : mix(daylight, tint, amount * 0.35));
  return { ...base, time, accent: c(accent), accent2: c(accent2), c, soft };
}

// ---------------------------------------------------------------------------------------
// Scene context

export interface SceneCtx {
  time: TimeOfDay;
  p: Palette;
  rng: Rng;
  /** Register a linear gradient (top-to-bottom unless given); returns `url(#id)`. */
  lin(stops: readonly (string | [string, number])[], dir?: { x1: number; y1: number; x2: number; y2: number; user?: boolean; repeat?: boolean }): string;
  /** Register a radial gradient (centre colour to edge); returns `url(#id)`. */
  rad(stops: readonly (string | [string, number])[]): string;
  /** Register a clip path from path data; returns `url(#id)`. */
  clip(d: string): string;
  /** Collected <defs> markup. */
  defs: string[];
}

export function makeCtx(time: TimeOfDay, seed: number, idPrefix: string): SceneCtx {
  const rng = makeRng(seed);
  const p = makePalette(time, rng);
  const defs: string[] = [];
  let n = 0;
  const stopList = (stops: readonly (string | [string, number])[]) =>
    stops
      .map((s, i) => {
        const [color, opacity] = typeof s === "string" ? [s, 1] : s;
        const offset = stops.length === 1 ? 0 : i / (stops.length - 1);
        return `<stop offset="${fmt(offset)}" stop-color="${color}"${opacity < 1 ? ` stop-opacity="${opacity}"` : ""}/>`;
      })
      .join("");
  return {
    time,
    p,
    rng,
    defs,
    lin(stops, dir = { x1: 0, y1: 0, x2: 0, y2: 1 }) {
      const id = `${idPrefix}${n++}`;
      const units = dir.user ? ` gradientUnits="userSpaceOnUse"` : "";
      const spread = dir.repeat ? ` spreadMethod="repeat"` : "";
      defs.push(
        `<linearGradient id="${id}" x1="${fmt(dir.x1)}" y1="${fmt(dir.y1)}" x2="${fmt(dir.x2)}" y2="${fmt(dir.y2)}"${units}${spread}>${stopList(stops)}</linearGradient>`,
      );
      return `url(#${id})`;
    },
    rad(stops) {
      const id = `${idPrefix}${n++}`;
      defs.push(`<radialGradient id="${id}">${stopList(stops)}</radialGradient>`);
      return `url(#${id})`;
    },
    clip(d) {
      const id = `${idPrefix}${n++}`;
      defs.push(`<clipPath id="${id}"><path d="${d}"/></clipPath>`);
      return `url(#${id})`;
    },
  };
}

// ---------------------------------------------------------------------------------------
// Shapes. Numbers are rounded to one decimal to keep the markup small.

export const fmt = (v: number) => String(Math.round(v * 10) / 10);

type Attrs = Record<string, string | number | undefined>;

function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === "number" ? fmt(v) : v}"`)
    .join("");
}

export const rect = (x: number, y: number, w: number, h: number, fill: string, extra: Attrs = {}) =>
  `<rect${attrs({ x, y, width: w, height: h, fill, ...extra })}/>`;

export const circle = (cx: number, cy: number, r: number, fill: string, extra: Attrs = {}) =>
  `<circle${attrs({ cx, cy, r, fill, ...extra })}/>`;

export const ellipse = (cx: number, cy: number, rx: number, ry: number, fill: string, extra: Attrs = {}) =>
  `<ellipse${attrs({ cx, cy, rx, ry, fill, ...extra })}/>`;

export const path = (d: string, fill: string, extra: Attrs = {}) => (d ? `<path${attrs({ d, fill, ...extra })}/>` : "");

/** Stroked path with no fill. */
export const line = (d: string, stroke: string, width: number, extra: Attrs = {}) =>
  d ? `<path${attrs({ d, fill: "none", stroke, "stroke-width": width, "stroke-linecap": "round", ...extra })}/>` : "";

export const poly = (pts: readonly number[], fill: string, extra: Attrs = {}) => path(polyD(pts), fill, extra);

export const group = (body: string, extra: Attrs = {}) => `<g${attrs(extra)}>${body}</g>`;

// Path-data builders, so many similar shapes can share one element. All closed shapes
// wind the same way, so overlapping pieces of one path fill as a union.

export const rectD = (x: number, y: number, w: number, h: number) => `M${fmt(x)} ${fmt(y)}h${fmt(w)}v${fmt(h)}h${fmt(-w)}z`;

export const circleD = (cx: number, cy: number, r: number) =>
  `M${fmt(cx - r)} ${fmt(cy)}a${fmt(r)} ${fmt(r)} 0 1 1 ${fmt(2 * r)} 0a${fmt(r)} ${fmt(r)} 0 1 1 ${fmt(-2 * r)} 0z`;

export const polyD = (pts: readonly number[]) => {
  let d = `M${fmt(pts[0]!)} ${fmt(pts[1]!)}`;
  for (let i = 2; i < pts.length; i += 2) d += `L${fmt(pts[i]!)} ${fmt(pts[i + 1]!)}`;
  return d + "z";
};

/** A crescent moon: a disc with an offset disc of the same size taken out (offset in radii). */
export function crescentD(cx: number, cy: number, r: number, offset: number): string {
  const d = r * offset;
  const hy = Math.sqrt(r * r - (d / 2) ** 2);
  const x = cx + d / 2;
  return `M${fmt(x)} ${fmt(cy - hy)}A${fmt(r)} ${fmt(r)} 0 1 0 ${fmt(x)} ${fmt(cy + hy)}A${fmt(r)} ${fmt(r)} 0 0 1 ${fmt(x)} ${fmt(cy - hy)}z`;
}

/** A puffy cloud: circles on a flat base, as path data. */
export function cloudD(x: number, y: number, s: number, rng: Rng): string {
  const w = 220 * s;
  let d = rectD(x, y - 28 * s, w, 28 * s);
  d += circleD(x + 40 * s, y - 30 * s, 32 * s);
  d += circleD(x + 95 * s, y - 52 * s, rng.range(44, 56) * s);
  d += circleD(x + 155 * s, y - 38 * s, rng.range(34, 42) * s);
  d += circleD(x + 190 * s, y - 20 * s, 22 * s);
  d += circleD(x + 28 * s, y - 14 * s, 14 * s);
  return d;
}

/** A smooth random ridge from x = 0 to W at around `y`, closed down to `bottom`. */
export function ridgeD(rng: Rng, y: number, amp: number, segments: number, bottom = H): string {
  const step = W / segments;
  const pts: [number, number][] = [];
  for (let i = 0; i <= segments; i++) pts.push([i * step, y + rng.range(-amp, amp)]);
  let d = `M0 ${fmt(bottom)}L0 ${fmt(pts[0]![1])}`;
  for (let i = 0; i < segments; i++) {
    const [x0, y0] = pts[i]!;
    const [x1, y1] = pts[i + 1]!;
    d += `C${fmt(x0 + step / 2)} ${fmt(y0)} ${fmt(x1 - step / 2)} ${fmt(y1)} ${fmt(x1)} ${fmt(y1)}`;
  }
  return d + `L${W} ${fmt(bottom)}z`;
}

/** Window grid inside a box, split into lit and dark panes (by time of day). */
export function windowsD(
  ctx: SceneCtx,
  x: number,
  y: number,
  w: number,
  h: number,
  cols: number,
  rows: number,
  fill = 0.55,
): { lit: string; dark: string } {
  const litShare = { dawn: 0.35, day: 0, dusk: 0.55, night: 0.6 }[ctx.time];
  const cw = w / cols;
  const rh = h / rows;
  const pw = cw * fill;
  const ph = rh * 0.6;
  let lit = "";
  let dark = "";
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const d = rectD(x + c * cw + (cw - pw) / 2, y + r * rh + (rh - ph) / 2, pw, ph);
      if (ctx.rng() < litShare) lit += d;
      else dark += d;
    }
  }
  return { lit, dark };
}

// ---------------------------------------------------------------------------------------
// Common backdrops

export interface SkyOptions {
  /** Horizon line; the sun sits above it at dawn and dusk. */
  horizon?: number;
  clouds?: number;
  /** Range for the sun's x position. */
  sunX?: [number, number];
  sunScale?: number;
}

/** Sky gradient, sun or moon with glow, stars at night, a few clouds. */
export function sky(ctx: SceneCtx, opts: SkyOptions = {}): string {
  const { p, rng, time } = ctx;
  const horizon = opts.horizon ?? 620;
  const [sx0, sx1] = opts.sunX ?? [200, 1400];
  const scale = opts.sunScale ?? 1;
  let out = rect(0, 0, W, H, ctx.lin([p.skyTop, p.skyBottom]));
  const sx = rng.range(sx0, sx1);
  const sy = time === "day" ? rng.range(110, 200) : time === "night" ? rng.range(110, 220) : horizon - rng.range(70, 150);
  const r = (time === "night" ? 44 : time === "day" ? 60 : 78) * scale;
  out += circle(sx, sy, r * 4, ctx.rad([[p.glow, time === "day" ? 0.6 : 0.55], [p.glow, 0]]));
  if (time === "night") {
    let stars = "";
    for (let i = 0; i < 70; i++) stars += circleD(rng.range(0, W), rng.range(0, horizon * 0.8), rng.range(0.8, 2.4));
    out += path(stars, "#ffffff", { opacity: 0.8 });
    out += path(crescentD(sx, sy, r, 0.6), p.sun);
  } else {
    out += circle(sx, sy, r, p.sun);
  }
  const count = opts.clouds ?? rng.int(1, 3);
  let clouds = "";
  for (let i = 0; i < count; i++) {
    clouds += cloudD(((i + rng.range(0.1, 0.6)) * W) / count - 110, rng.range(150, horizon * 0.5), rng.range(0.6, 1.2), rng);
  }
  if (clouds) out += path(clouds, p.cloud, { opacity: time === "night" ? 0.7 : 0.92 });
  return out;
}

/** Pine-tree silhouettes along a baseline, as path data. */
export function pinesD(rng: Rng, x0: number, x1: number, base: number, size: number, gap: number): string {
  let d = "";
  for (let x = x0; x < x1; x += gap * rng.range(0.7, 1.3)) {
    const h = size * rng.range(0.75, 1.25);
    const w = h * 0.36;
    const b = base + rng.range(-6, 6);
    d += polyD([x, b - h, x + w * 0.6, b - h * 0.45, x + w * 0.3, b - h * 0.45, x + w, b, x - w, b, x - w * 0.3, b - h * 0.45, x - w * 0.6, b - h * 0.45]);
  }
  return d;
}

/** Round-canopy trees (canopy path + trunk path). */
export function roundTrees(rng: Rng, xs: readonly number[], base: number, size: number): { crown: string; trunk: string } {
  let crown = "";
  let trunk = "";
  for (const x of xs) {
    const s = size * rng.range(0.8, 1.2);
    trunk += rectD(x - s * 0.08, base - s * 0.9, s * 0.16, s * 0.9);
    crown += circleD(x, base - s * 1.15, s * 0.55) + circleD(x - s * 0.35, base - s * 0.85, s * 0.4) + circleD(x + s * 0.35, base - s * 0.85, s * 0.42);
  }
  return { crown, trunk };
}
