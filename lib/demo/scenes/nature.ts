// Landscape scenes: mountains, storm, forest, farm, desert, wind farm, river.

import {
  H,
  W,
  circle,
  circleD,
  cloudD,
  darken,
  fmt,
  lighten,
  line,
  mix,
  path,
  pinesD,
  polyD,
  rect,
  rectD,
  ridgeD,
  roundTrees,
  sky,
  type Rng,
  type SceneCtx,
} from "./kit";

interface Peak {
  x: number;
  y: number;
  left: [number, number];
  right: [number, number];
}

/** Jagged range of peaks; returns the outline (closed to the bottom) and the peaks. */
function range(rng: Rng, base: number, minH: number, maxH: number, count: number): { d: string; peaks: Peak[] } {
  const step = W / count;
  const pts: number[] = [0, H, -40, base - rng.range(0, minH)];
  const peaks: Peak[] = [];
  let prev: [number, number] = [-40, pts[3]!];
  for (let i = 0; i < count; i++) {
    const px = i * step + rng.range(0.3, 0.7) * step;
    const py = base - rng.range(minH, maxH);
    const vx = (i + 1) * step + rng.range(-0.1, 0.1) * step;
    const vy = base - rng.range(0, minH * 0.6);
    pts.push(px, py, vx, vy);
    peaks.push({ x: px, y: py, left: prev, right: [vx, vy] });
    prev = [vx, vy];
  }
  pts.push(W + 40, H);
  return { d: polyD(pts), peaks };
}

/** Snow caps for peaks: the top 30% of each slope with a ragged lower edge. */
function capsD(peaks: readonly Peak[], share = 0.3): string {
  let d = "";
  for (const { x, y, left, right } of peaks) {
    const lx = x + (left[0] - x) * share;
    const ly = y + (left[1] - y) * share;
    const rx = x + (right[0] - x) * share;
    const ry = y + (right[1] - y) * share;
    const my = (ly + ry) / 2;
    d += polyD([x, y, rx, ry, x + (rx - x) * 0.5, my - 8, x + (rx - x) * 0.2, my + 10, x - (x - lx) * 0.3, my - 6, lx, ly]);
  }
  return d;
}

export function mountains(ctx: SceneCtx): string {
  const { p, rng } = ctx;
  let out = sky(ctx, { horizon: 520 });
  const far = range(rng, 600, 150, 330, 4);
  const mid = range(rng, 660, 120, 260, 3);
  const farColour = mix(p.skyBottom, p.c("#6f86a8"), 0.5);
  out += path(far.d, farColour) + path(capsD(far.peaks), mix(farColour, "#ffffff", 0.55));
  out += path(mid.d, p.c("#4f6482")) + path(capsD(mid.peaks, 0.28), p.c("#f4f7fb"));
  out += rect(0, 650, W, 70, ctx.lin([mix(p.skyBottom, p.c("#3f78a8"), 0.4), p.c("#2f5f8c")]));
  let glints = "";
  for (let i = 0; i < 10; i++) glints += rectD(rng.range(100, 1500), rng.range(660, 705), rng.range(30, 100), 3);
  out += path(glints, "#ffffff", { opacity: 0.35 });
  out += path(ridgeD(rng, 730, 25, 4), p.c("#4d7a45"));
  out += path(pinesD(rng, -20, W + 20, 760, 150, 70), p.c("#2d5a36"));
  out += path(pinesD(rng, rng.range(-40, 0), W + 40, 920, 240, 150), p.c("#1f4429"));
  return out;
}

export function storm(ctx: SceneCtx): string {
  const { p, rng } = ctx;
  let out = rect(0, 0, W, H, ctx.lin([p.c("#343a47"), p.c("#7d8797")]));
  const bx = rng.range(500, 1100);
  out += circle(bx, 420, 520, ctx.rad([["#dfe7ff", 0.45], ["#dfe7ff", 0]]));
  let back = "";
  let front = "";
  for (let x = -200; x < W; x += 260) back += cloudD(x + rng.range(-40, 40), rng.range(220, 280), rng.range(1.5, 2), rng);
  for (let x = -150; x < W; x += 330) front += cloudD(x + rng.range(-40, 40), rng.range(290, 340), rng.range(1.4, 1.8), rng);
  out += path(back + rectD(0, 0, W, 180), p.c("#4a5261")) + path(front, p.c("#2f3541"));
  let rain = "";
  for (let i = 0; i < 140; i++) {
    const x = rng.range(-100, W);
    const y = rng.range(300, H);
    rain += `M${fmt(x)} ${fmt(y)}l-14 40`;
  }
  out += line(rain, "#c9d3e3", 2.5, { opacity: 0.45 });
  out += path(ridgeD(rng, 700, 30, 4), p.c("#3e5a3b"));
  // Lightning bolt.
  const b = [bx, 320, bx - 40, 460, bx + 10, 460, bx - 50, 610, bx + 20, 600, bx - 30, 720, bx + 70, 560, bx + 18, 566, bx + 70, 430, bx + 20, 430, bx + 50, 320];
  out += path(polyD(b), "#fff4b8");
  // Farmhouse with a lit window and a tree bending in the wind.
  const hx = bx < 800 ? rng.range(1050, 1250) : rng.range(250, 450);
  out += path(rectD(hx, 640, 180, 100) + polyD([hx - 20, 645, hx + 90, 580, hx + 200, 645]), p.c("#262b33"));
  out += rect(hx + 30, 670, 34, 30, p.light) + rect(hx + 110, 670, 34, 30, p.light, { opacity: 0.6 });
  const tx = bx < 800 ? hx - 230 : hx + 260;
  out += line(`M${fmt(tx)} 760q10 -80 60 -150`, p.c("#262b33"), 16);
  out += path(circleD(tx + 90, 590, 60) + circleD(tx + 140, 610, 45) + circleD(tx + 40, 600, 45), p.c("#2c4030"));
  out += path(ridgeD(rng, 800, 20, 3), p.c("#2c4030"));
  return out;
}

export function forest(ctx: SceneCtx): string {
  const { p, rng } = ctx;
  let out = sky(ctx, { horizon: 520, clouds: 1 });
  if (ctx.time !== "night") {
    let beams = "";
    for (let i = 0; i < 4; i++) {
      const x = rng.range(200, 1400);
      beams += polyD([x, 0, x + 90, 0, x + 340, H, x + 160, H]);
    }
    out += path(beams, p.glow, { opacity: 0.18 });
  }
  const layers: [number, number, number, string][] = [
    [560, 150, 48, "#6f9a8c"],
    [660, 230, 80, "#3f7456"],
    [790, 330, 130, "#285a3d"],
  ];
  for (const [base, size, gap, colour] of layers) {
    const c = mix(p.skyBottom, p.c(colour), base < 600 ? 0.55 : 1);
    out += path(ridgeD(rng, base, 14, 4), c) + path(pinesD(rng, -30, W + 30, base + 10, size, gap), c);
  }
  // Trail winding into the trees.
  const tx = rng.range(700, 900);
  out += path(`M${fmt(tx - 20)} 760C${fmt(tx - 140)} 800 ${fmt(tx + 180)} 830 ${fmt(tx - 60)} 900H${fmt(tx + 260)}C${fmt(tx + 320)} 840 ${fmt(tx + 40)} 800 ${fmt(tx + 20)} 760Z`, p.c("#b59a6f"));
  let trunks = "";
  let crowns = "";
  for (const x of [rng.range(60, 220), rng.range(1350, 1520)]) {
    trunks += rectD(x - 16, 620, 32, 300);
    crowns += polyD([x, 180, x + 150, 480, x + 60, 470, x + 200, 700, x - 200, 700, x - 60, 470, x - 150, 480]);
  }
  out += path(trunks, p.c("#4a3426")) + path(crowns, p.c("#1b4630"));
  return out;
}

export function farm(ctx: SceneCtx): string {
  const { p, rng } = ctx;
  let out = sky(ctx, { horizon: 560 });
  out += path(ridgeD(rng, 560, 20, 4), p.c("#98b86c"));
  out += path(ridgeD(rng, 640, 18, 3), p.c("#d8b45a"));
  // Crop rows across the golden field, converging toward the horizon.
  let rows = "";
  for (let i = -12; i <= 12; i++) rows += `M${800 + i * 30} 660L${800 + i * 140} ${H}`;
  out += line(rows, p.c("#c49c44"), 6);
  out += path(ridgeD(rng, 770, 20, 3), p.c("#6f9f4a"));
  let furrows = "";
  for (let y = 800; y < H; y += 26) furrows += `M0 ${y}C400 ${y - 14} 1200 ${y + 14} 1600 ${y}`;
  out += line(furrows, p.c("#5f8d3e"), 5);
  // Barn with a gambrel roof, hayloft and X-braced doors; silo beside it.
  const bx = rng.range(760, 980);
  const red = p.c("#b8382e");
  const trim = p.c("#f5efe6");
  out += rect(bx + 290, 470, 80, 230, p.c("#c9ccd1")) + circle(bx + 330, 470, 40, p.c("#a9afb8"));
  out += line(`M${fmt(bx + 290)} 540h80M${fmt(bx + 290)} 610h80`, p.c("#a9afb8"), 4);
  out += path(rectD(bx, 540, 260, 170) + polyD([bx - 14, 545, bx + 20, 470, bx + 130, 420, bx + 240, 470, bx + 274, 545]), red);
  out += line(`M${fmt(bx - 14)} 545L${fmt(bx + 20)} 470L${fmt(bx + 130)} 420L${fmt(bx + 240)} 470L${fmt(bx + 274)} 545`, p.c("#5a3a33"), 10, { "stroke-linejoin": "round" });
  out += rect(bx + 80, 610, 100, 100, p.c("#8c2a24")) + rect(bx + 108, 480, 44, 40, ctx.time === "night" ? p.light : p.c("#5a2420"));
  out += line(`M${fmt(bx + 80)} 610l100 100m0 -100l-100 100M${fmt(bx + 80)} 610h100v100h-100zM${fmt(bx + 130)} 610v100`, trim, 6);
  out += line(`M${fmt(bx + 108)} 480h44v40h-44z`, trim, 5);
  const trees = roundTrees(rng, [rng.range(150, 400), rng.range(1380, 1500)], 700, 170);
  out += path(trees.trunk, p.c("#6b4f36")) + path(trees.crown, p.c("#4f8a3f"));
  let fence = "M0 790H1600M0 820H1600";
  for (let x = 20; x < W; x += 90) fence += `M${x} 770V850`;
  out += line(fence, p.c("#f1e8d8"), 8, { "stroke-linecap": "butt" });
  let bales = "";
  let cores = "";
  for (let i = 0; i < 3; i++) {
    const x = 170 + i * 190 + rng.range(-40, 40);
    const y = rng.range(700, 735);
    bales += circleD(x, y, 28);
    cores += circleD(x, y, 14);
  }
  return out + path(bales, p.c("#f0d27a"), { stroke: p.c("#a8822f"), "stroke-width": 4 }) + line(cores, p.c("#a8822f"), 3);
}

export function desert(ctx: SceneCtx): string {
  const { p, rng } = ctx;
  let out = sky(ctx, { horizon: 560, clouds: rng.int(0, 1), sunScale: 1.5 });
  const mesa = mix(p.skyBottom, p.c("#b06a48"), 0.6);
  const m1 = rng.range(150, 500);
  const m2 = rng.range(900, 1250);
  out += path(polyD([m1, 600, m1 + 50, 440, m1 + 300, 440, m1 + 360, 600]) + polyD([m2, 600, m2 + 40, 490, m2 + 180, 490, m2 + 230, 600]), mesa);
  const sand = ["#e8c38a", "#dcae70", "#cf9a5b", "#c3874a"].map(p.c);
  const crests = [580, 660, 760, 860];
  crests.forEach((y, i) => {
    const d = ridgeD(rng, y, 30 + i * 10, 3);
    out += path(d, sand[i]!);
    // Shadowed lee side: the same ridge, shifted and clipped to a band.
    const shade = ridgeD(rng, y + 30, 25, 3);
    out += path(shade, darken(sand[i]!, 0.08), { opacity: 0.6 });
  });
  // Saguaro in the foreground.
  const cx = rng.chance(0.5) ? rng.range(180, 360) : rng.range(1240, 1420);
  const green = p.c("#4d8650");
  const arms = `M${fmt(cx - 110)} 600V540a22 22 0 0 1 44 0v60a22 22 0 0 0 22 22h44v44h-66a66 66 0 0 1 -66 -66z`;
  const right = `M${fmt(cx + 110)} 560V500a22 22 0 0 0 -44 0v70a22 22 0 0 1 -22 22h-44v44h66a66 66 0 0 0 66 -66z`;
  out += path(`M${fmt(cx - 34)} 800V420a34 34 0 0 1 68 0v380z`, green) + path(arms, green) + path(right, green);
  out += line(`M${fmt(cx - 12)} 430V790M${fmt(cx + 12)} 430V790`, darken(green, 0.2), 4);
  let pebbles = "";
  for (let i = 0; i < 8; i++) pebbles += circleD(rng.range(0, W), rng.range(820, 890), rng.range(4, 9));
  return out + path(pebbles, sand[3]!);
}

export function windFarm(ctx: SceneCtx): string {
  const { p, rng } = ctx;
  let out = sky(ctx, { horizon: 600, clouds: rng.int(2, 3) });
  const far = mix(p.skyBottom, p.c("#8fb07c"), 0.6);
  out += path(ridgeD(rng, 600, 40, 4), far);
  const turbines = Array.from({ length: 6 }, (_, i) => ({
    x: 120 + i * 270 + rng.range(-60, 60),
    scale: rng.range(0.45, 1.05),
    angle: rng.range(0, Math.PI * 2),
  })).sort((a, b) => a.scale - b.scale);
  const draw = (list: typeof turbines, colour: string) => {
    let towers = "";
    let blades = "";
    for (const { x, scale, angle } of list) {
      const base = 560 + 260 * scale;
      const hub = base - 520 * scale;
      towers += polyD([x - 9 * scale, base, x + 9 * scale, base, x + 4 * scale, hub, x - 4 * scale, hub]);
      towers += rectD(x - 6 * scale, hub - 9 * scale, 30 * scale, 18 * scale);
      const L = 250 * scale;
      for (let k = 0; k < 3; k++) {
        const a = angle + (k * 2 * Math.PI) / 3;
        const pt = (u: number, v: number) => [x + u * Math.cos(a) - v * Math.sin(a), hub + u * Math.sin(a) + v * Math.cos(a)];
        blades += polyD([...pt(0, -6 * scale), ...pt(L * 0.22, -12 * scale), ...pt(L, -2 * scale), ...pt(L, 1), ...pt(0, 6 * scale)]);
      }
      blades += circleD(x, hub, 11 * scale);
    }
    return path(towers, colour) + path(blades, colour);
  };
  const back = turbines.filter((t) => t.scale < 0.7);
  const front = turbines.filter((t) => t.scale >= 0.7);
  out += draw(back, mix(p.c("#f4f6f8"), p.skyBottom, 0.3));
  out += path(ridgeD(rng, 740, 35, 3), p.c("#79a85a"));
  out += draw(front, p.c("#f7f9fb"));
  out += path(ridgeD(rng, 840, 25, 3), p.c("#5b8c45"));
  const trees = roundTrees(rng, [rng.range(80, 300), rng.range(1300, 1520)], 860, 110);
  return out + path(trees.trunk, p.c("#6b4f36")) + path(trees.crown, p.c("#3d7036"));
}

export function river(ctx: SceneCtx): string {
  const { p, rng } = ctx;
  const hz = 480;
  let out = sky(ctx, { horizon: hz });
  const farColour = mix(p.skyBottom, p.c("#6e86a0"), 0.5);
  out += path(range(rng, 520, 80, 200, 4).d, farColour);
  const vx = rng.range(650, 950);
  out += path(`M0 ${H}V${hz + 40}C300 ${hz + 30} ${fmt(vx - 200)} ${hz + 40} ${fmt(vx)} ${hz + 70}L${fmt(vx)} ${H}Z`, p.c("#6d9a55"));
  out += path(`M${W} ${H}V${hz + 20}C1300 ${hz + 10} ${fmt(vx + 200)} ${hz + 40} ${fmt(vx)} ${hz + 70}L${fmt(vx)} ${H}Z`, p.c("#5f8d4a"));
  // River: sample an S-shaped centre line and widen it toward the viewer.
  const centre = (t: number): [number, number] => {
    const a = [vx, hz + 70];
    const b = [vx + 260, hz + 160];
    const c = [vx - 420, hz + 260];
    const d = [800, H];
    const u = 1 - t;
    return [
      u * u * u * a[0]! + 3 * u * u * t * b[0]! + 3 * u * t * t * c[0]! + t * t * t * d[0]!,
      u * u * u * a[1]! + 3 * u * u * t * b[1]! + 3 * u * t * t * c[1]! + t * t * t * d[1]!,
    ];
  };
  const leftEdge: number[] = [];
  const rightEdge: number[] = [];
  for (let i = 0; i <= 30; i++) {
    const t = i / 30;
    const [x, y] = centre(t);
    const w = 6 + 640 * t * t;
    leftEdge.push(x - w / 2, y);
    rightEdge.unshift(x + w / 2, y);
  }
  const water = [...leftEdge, ...rightEdge];
  out += path(polyD(water.map((v, i) => (i % 2 === 0 ? v - 14 : v + 4))), p.c("#d8c9a2"));
  out += path(polyD(water), ctx.lin([mix(p.skyBottom, "#ffffff", 0.2), mix(p.skyTop, p.c("#2f6f9f"), 0.5)]));
  let glints = "";
  for (let i = 0; i < 12; i++) {
    const [x, y] = centre(rng.range(0.2, 0.95));
    glints += rectD(x - 30, y, rng.range(30, 80), 3);
  }
  out += path(glints, "#ffffff", { opacity: 0.45 });
  out += path(pinesD(rng, 0, vx - 250, hz + 50, 70, 34), p.c("#3f6e45"));
  out += path(pinesD(rng, vx + 230, W, hz + 40, 70, 34), p.c("#3f6e45"));
  const trees = roundTrees(rng, [rng.range(60, 200), rng.range(1380, 1540)], 880, 200);
  return out + path(trees.trunk, p.c("#5b4330")) + path(trees.crown, lighten(p.c("#2f6a3a"), 0.05));
}
