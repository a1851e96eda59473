// Built-environment scenes: skyline, capitol, harbor, bridge, market, hospital, stadium.

import {
  H,
  W,
  circle,
  circleD,
  ellipse,
  fmt,
  lighten,
  line,
  mix,
  path,
  poly,
  polyD,
  rect,
  rectD,
  ridgeD,
  roundTrees,
  sky,
  windowsD,
  type SceneCtx,
} from "./kit";

const isLit = (ctx: SceneCtx) => ctx.time === "dusk" || ctx.time === "night";

export function skyline(ctx: SceneCtx): string {
  const { p, rng } = ctx;
  const base = 690;
  let out = sky(ctx, { horizon: 600 });
  let far = "";
  for (let x = -30; x < W; x += rng.range(60, 120)) {
    const h = rng.range(140, 340);
    far += rectD(x, base - h, rng.range(60, 110), h);
  }
  out += path(far, mix(p.skyBottom, p.c("#51627e"), 0.45));
  const tones = [p.c("#3c4e6b"), p.c("#566f93"), p.c("#2e3c55")];
  const bodies = ["", "", ""];
  let lit = "";
  let dark = "";
  let masts = "";
  let x = rng.range(-60, -10);
  for (let i = 0; x < W; i++) {
    const w = rng.range(120, 210);
    const h = rng.range(220, 500);
    const top = base - h;
    const t = i % 3;
    bodies[t] += rectD(x, top, w, h);
    if (rng.chance(0.4)) {
      bodies[t] += rectD(x + w * 0.2, top - 40, w * 0.6, 40);
      if (rng.chance(0.6)) masts += `M${fmt(x + w / 2)} ${fmt(top - 40)}v-70`;
    } else if (rng.chance(0.4)) {
      bodies[t] += polyD([x, top, x + w, top, x + w, top - 50]);
    }
    const win = windowsD(ctx, x + 14, top + 24, w - 28, h - 40, Math.round((w - 28) / 26), Math.round((h - 40) / 30));
    lit += win.lit;
    dark += win.dark;
    x += w + rng.range(8, 40);
  }
  out += line(masts, tones[2]!, 5);
  out += bodies.map((d, i) => path(d, tones[i]!)).join("");
  out += path(dark, p.glass, { opacity: 0.75 }) + path(lit, p.light);
  out += rect(0, base, W, 24, p.c("#26314a"));
  out += rect(0, base + 24, W, H - base - 24, ctx.lin([mix(p.skyBottom, p.c("#1d3557"), 0.55), p.c("#182a45")]));
  let streaks = "";
  for (let i = 0; i < 26; i++) streaks += rectD(rng.range(0, W), rng.range(base + 40, H - 10), rng.range(30, 120), 4);
  out += path(streaks, isLit(ctx) ? p.light : p.sun, { opacity: 0.35 });
  return out;
}

export function capitol(ctx: SceneCtx): string {
  const { p, rng } = ctx;
  const stone = p.c("#f2ede3");
  const shade = p.c("#d6ccb9");
  const deep = p.c("#a99d86");
  let out = sky(ctx, { horizon: 700, sunX: rng.chance(0.5) ? [150, 450] : [1150, 1450] });
  let hedge = "";
  for (let x = -20; x < W + 40; x += rng.range(40, 70)) hedge += circleD(x, 690, rng.range(40, 70));
  out += path(hedge, p.c("#4f7d45"));
  out += rect(0, 700, W, 200, ctx.lin([p.c("#8cba63"), p.c("#5d8f45")]));
  out += poly([760, 716, 840, 716, 1000, 900, 600, 900], p.c("#e6dccb"));
  // Drum and dome on a base block behind the portico.
  out += rect(650, 396, 300, 150, shade) + rect(640, 392, 320, 14, deep);
  out += rect(690, 300, 220, 96, stone);
  let drumCols = "";
  for (let cx = 704; cx < 900; cx += 22) drumCols += rectD(cx, 312, 9, 92);
  out += path(drumCols, shade) + rect(678, 288, 244, 16, shade);
  out += path("M692 290C692 124 908 124 908 290Z", ctx.lin([lighten(stone, 0.3), shade], { x1: 0, y1: 0, x2: 1, y2: 0 }));
  out += line("M740 290Q744 200 800 165M860 290Q856 200 800 165", shade, 4);
  out += rect(786, 132, 28, 40, stone) + circle(800, 132, 16, stone) + line("M800 116V90", deep, 4);
  // Wings, portico, steps.
  out += rect(330, 540, 940, 160, stone) + rect(315, 524, 970, 18, shade);
  const left = windowsD(ctx, 350, 560, 280, 120, 7, 2);
  const right = windowsD(ctx, 970, 560, 280, 120, 7, 2);
  out += path(left.dark + right.dark, p.c("#6b7c93")) + path(left.lit + right.lit, p.light);
  out += rect(640, 470, 320, 230, stone) + rect(660, 522, 280, 170, deep);
  let cols = "";
  for (let i = 0; i < 8; i++) cols += rectD(664 + i * 37.5, 522, 20, 168);
  out += path(cols, stone) + rect(640, 500, 320, 24, shade);
  out += path(polyD([628, 502, 800, 432, 972, 502]), stone) + path(polyD([668, 494, 800, 448, 932, 494]), shade);
  out += path(rectD(610, 688, 380, 10) + rectD(590, 698, 420, 10) + rectD(570, 708, 460, 10), shade);
  // Flag and trees.
  const fx = rng.chance(0.5) ? 230 : 1370;
  out += line(`M${fx} 705V420`, p.c("#8a8f99"), 6);
  out += path(`M${fx} 424q48 -14 96 0v58q-48 -14 -96 0z`, p.accent);
  const trees = roundTrees(rng, fx < 800 ? [90, 1300, 1480] : [120, 300, 1500], 705, 150);
  out += path(trees.trunk, p.c("#6b4f36")) + path(trees.crown, p.c("#3f7a3d"));
  return out;
}

export function harbor(ctx: SceneCtx): string {
  const { p, rng } = ctx;
  let out = sky(ctx, { horizon: 600, clouds: 2 });
  out += path(ridgeD(rng, 575, 25, 5, 610), mix(p.skyBottom, p.c("#5d7a8c"), 0.5));
  out += rect(0, 600, W, 300, ctx.lin([mix(p.skyBottom, p.c("#2f6f9f"), 0.45), p.c("#1b466d")]));
  out += rect(0, 640, W, 50, p.c("#9a9c9f")) + rect(0, 636, W, 6, p.c("#c4c6c8"));
  // Gantry cranes.
  let frame = "";
  let cabs = "";
  for (const cx of [rng.range(330, 420), rng.range(880, 960)]) {
    frame += `M${fmt(cx)} 640V300M${fmt(cx + 140)} 640V300M${fmt(cx)} 430H${fmt(cx + 140)}M${fmt(cx - 90)} 300H${fmt(cx + 440)}`;
    frame += `M${fmt(cx)} 300L${fmt(cx + 70)} 200L${fmt(cx + 140)} 300M${fmt(cx + 70)} 200L${fmt(cx + 430)} 300M${fmt(cx + 70)} 200L${fmt(cx - 85)} 300`;
    cabs += rectD(cx + 10, 276, 120, 22) + rectD(cx + 250, 304, 34, 26);
  }
  out += line(frame, p.accent, 10, { "stroke-linejoin": "round" }) + path(cabs, p.c("#e9ecef"));
  // Container ship.
  const sx = rng.range(150, 240);
  const ex = sx + rng.range(980, 1060);
  out += rect(sx + 20, 762, ex - sx - 30, 30, p.c("#0f2a44"), { opacity: 0.2 });
  out += poly([sx, 640, ex, 640, ex + 60, 628, ex - 10, 762, sx + 20, 762], p.c("#2c3a52"));
  out += poly([sx + 14, 736, ex + 3, 736, ex - 10, 762, sx + 20, 762], p.c("#a3342b"));
  const colours = ["#c0392b", "#2e86ab", "#e1a23b", "#3c8d5a", "#8d99a6"].map(p.c);
  const stacks = colours.map(() => "");
  for (let x = sx + 170; x < ex - 50; x += 58) {
    const n = rng.int(1, 4);
    for (let k = 0; k < n; k++) {
      const i = rng.int(0, colours.length - 1);
      stacks[i] += rectD(x, 610 - k * 31, 56, 29);
    }
  }
  out += stacks.map((d, i) => path(d, colours[i]!)).join("");
  out += rect(sx + 40, 510, 100, 130, p.c("#eef1f4")) + rect(sx + 78, 478, 30, 32, p.accent2);
  const bridgeWin = windowsD(ctx, sx + 48, 520, 84, 110, 4, 4, 0.7);
  out += path(bridgeWin.dark, p.c("#34445e")) + path(bridgeWin.lit, p.light);
  let waves = "";
  for (let i = 0; i < 18; i++) {
    const x = rng.range(0, W);
    const y = rng.range(780, 880);
    waves += `M${fmt(x)} ${fmt(y)}q15 -8 30 0q15 -8 30 0`;
  }
  out += line(waves, lighten(p.c("#2f6f9f"), 0.35), 3, { opacity: 0.6 });
  let gulls = "";
  for (let i = 0; i < 3; i++) {
    const x = rng.range(200, 1400);
    const y = rng.range(120, 260);
    gulls += `M${fmt(x)} ${fmt(y)}q12 -12 24 0q12 -12 24 0`;
  }
  return out + line(gulls, p.c("#2b2f3a"), 4);
}

export function bridge(ctx: SceneCtx): string {
  const { p, rng } = ctx;
  let out = sky(ctx, { horizon: 600 });
  const far = mix(p.skyBottom, p.c("#5f7590"), 0.45);
  out += path(ridgeD(rng, 560, 40, 4, 610), far);
  let town = "";
  for (let x = rng.range(900, 1100); x < 1550; x += rng.range(30, 60)) town += rectD(x, 600 - rng.range(20, 90), 28, 100);
  out += path(town, mix(far, p.c("#3d4f69"), 0.4));
  out += rect(0, 600, W, 300, ctx.lin([mix(p.skyBottom, p.c("#2c6e9b"), 0.5), p.c("#1a4368")]));
  const steel = rng.pick(["#c0472f", "#8a94a3", "#c98a2d"]);
  const tower = p.c(steel);
  const towers = [450, 1150];
  // Cable: side spans and main span, with hangers every 32 px.
  const spans: [number, number, number, number, number, number][] = [
    [-60, 470, 195, 430, 450, 205],
    [450, 205, 800, 795, 1150, 205],
    [1150, 205, 1405, 430, 1660, 470],
  ];
  let cable = "";
  let hangers = "";
  for (const [x0, y0, cx, cy, x1, y1] of spans) {
    cable += `M${x0} ${y0}Q${cx} ${cy} ${x1} ${y1}`;
    for (let t = 0.04; t < 0.98; t += 32 / (x1 - x0)) {
      const x = (1 - t) * (1 - t) * x0 + 2 * t * (1 - t) * cx + t * t * x1;
      const y = (1 - t) * (1 - t) * y0 + 2 * t * (1 - t) * cy + t * t * y1;
      if (y < 515) hangers += `M${fmt(x)} ${fmt(y)}V520`;
    }
  }
  out += towers.map((x) => rect(x - 45, 540, 90, 130, p.c("#8f8a80")) + rect(x - 30, 670, 60, 120, tower, { opacity: 0.25 })).join("");
  out += line(hangers, tower, 2);
  out += towers.map((x) => path(polyD([x - 24, 540, x + 24, 540, x + 17, 190, x - 17, 190]), tower)).join("");
  out += path(towers.map((x) => rectD(x - 26, 300, 52, 10) + rectD(x - 26, 420, 52, 10) + rectD(x - 20, 184, 40, 10)).join(""), mix(tower, "#000000", 0.25));
  out += line(cable, tower, 7);
  out += rect(0, 518, W, 26, p.c("#3b4252")) + rect(0, 512, W, 6, tower);
  if (isLit(ctx)) {
    let lamps = "";
    for (let x = 20; x < W; x += 64) lamps += circleD(x, 509, 4);
    out += path(lamps, p.light);
  }
  let glints = "";
  for (let i = 0; i < 16; i++) glints += rectD(rng.range(0, W), rng.range(640, 880), rng.range(40, 120), 3);
  return out + path(glints, "#ffffff", { opacity: 0.25 });
}

export function market(ctx: SceneCtx): string {
  const { p, rng } = ctx;
  let out = sky(ctx, { horizon: 400, clouds: 1, sunX: [150, 1450] });
  // Town houses behind the stalls.
  const houses = ["#e8c9a0", "#d99b7a", "#c7d1c0", "#e3b7a8", "#d8cfb8"].map(p.c);
  let x = -40;
  let wins = "";
  let litWins = "";
  while (x < W) {
    const w = rng.range(220, 300);
    const top = rng.range(160, 260);
    out += path(rectD(x, top, w, 660 - top) + polyD([x - 6, top, x + w / 2, top - 70, x + w + 6, top]), rng.pick(houses));
    const win = windowsD(ctx, x + 20, top + 20, w - 40, 260 - top + 160, 3, 3, 0.45);
    wins += win.dark;
    litWins += win.lit;
    x += w;
  }
  out += path(wins, p.c("#5a6478"), { opacity: 0.8 }) + path(litWins, p.light);
  out += rect(0, 640, W, 260, ctx.lin([p.c("#cbbba3"), p.c("#9f8f78")]));
  // Stalls: striped awning with a scalloped edge, posts, counter, produce.
  const fruit = ["#e0552f", "#f0a431", "#8bbf3f", "#c7313f"].map(p.c);
  const piles = fruit.map(() => "");
  let stripes = "";
  let posts = "";
  let counters = "";
  let fronts = "";
  const sw = 360;
  for (let i = 0; i < 4; i++) {
    const sx = 40 + i * (sw + 30) + rng.range(-10, 10);
    const ay = 380 + rng.range(-20, 20);
    const colour = rng.pick([p.accent, p.accent2, p.c("#2f8f83"), p.c("#3568b8")]);
    let awning = rectD(sx - 10, ay, sw + 20, 70);
    for (let k = 0; k < 6; k++) awning += circleD(sx - 10 + (sw + 20) * ((k + 0.5) / 6), ay + 70, (sw + 20) / 12);
    out += path(awning, colour);
    for (let k = 1; k < 6; k += 2) stripes += rectD(sx - 10 + ((sw + 20) * k) / 6, ay, (sw + 20) / 6, 70);
    posts += rectD(sx + 6, ay + 70, 12, 660 - ay) + rectD(sx + sw - 18, ay + 70, 12, 660 - ay);
    counters += rectD(sx - 4, 560, sw + 8, 18);
    fronts += rectD(sx, 578, sw, 92);
    for (let k = 0; k < 4; k++) {
      const bx = sx + 20 + k * ((sw - 40) / 4);
      const f = rng.int(0, fruit.length - 1);
      for (let row = 0; row < 3; row++) {
        for (let j = 0; j < 4 - row; j++) piles[f] += circleD(bx + 10 + j * 16 + row * 8, 548 - row * 13, 9);
      }
    }
  }
  out += path(stripes, p.c("#f6f2ea"));
  out += path(posts, p.c("#6f5138")) + path(fronts, p.c("#a2744d")) + path(counters, p.c("#7a5536"));
  out += piles.map((d, i) => path(d, fruit[i]!)).join("");
  // String lights.
  const bulbs: string[] = [];
  let wire = "M0 140";
  for (let s = 0; s < 4; s++) {
    const x0 = s * 400;
    wire += `Q${x0 + 200} 230 ${x0 + 400} 140`;
    for (let t = 0.1; t < 1; t += 0.2) bulbs.push(circleD(x0 + 400 * t, 140 + 90 * 2 * t * (1 - t) + 8, 7));
  }
  out += line(wire, p.c("#3b3b3b"), 2);
  return out + path(bulbs.join(""), isLit(ctx) ? p.light : p.c("#f3e7c4"));
}

export function hospital(ctx: SceneCtx): string {
  const { p, rng } = ctx;
  let out = sky(ctx, { horizon: 720, sunX: rng.chance(0.5) ? [150, 420] : [1200, 1450] });
  out += rect(0, 720, W, 180, ctx.lin([p.c("#c9c6bd"), p.c("#a8a59c")]));
  out += rect(0, 720, W, 22, p.c("#7fae5c"));
  const white = p.c("#eef2f5");
  out += rect(340, 430, 960, 290, white) + rect(600, 250, 380, 470, p.c("#f8fafb")) + rect(940, 250, 40, 470, p.c("#d9e0e6"));
  const panes = [
    windowsD(ctx, 360, 450, 230, 160, 5, 3, 0.7),
    windowsD(ctx, 1000, 450, 280, 160, 6, 3, 0.7),
    windowsD(ctx, 620, 270, 310, 320, 6, 6, 0.7),
  ];
  out += path(panes.map((w) => w.dark).join(""), p.c("#7fa6c4")) + path(panes.map((w) => w.lit).join(""), p.light);
  // Lit sign with a cross on the roof.
  const red = p.c("#d62828");
  const signRed = isLit(ctx) ? "#e03131" : red;
  out += line("M745 250V226M835 250V226", p.c("#8a96a3"), 6);
  out += rect(730, 126, 120, 104, signRed, { rx: 14 }) + path(rectD(774, 140, 32, 76) + rectD(752, 162, 76, 32), isLit(ctx) ? "#ffffff" : p.c("#ffffff"));
  // Entrance.
  out += rect(700, 606, 200, 16, p.accent) + rect(720, 622, 160, 98, isLit(ctx) ? p.light : p.c("#8fb3cc"));
  out += line("M800 622V720", white, 4);
  // Ambulance.
  const ax = rng.range(1060, 1140);
  const van = p.c("#ffffff");
  out += rect(ax, 612, 180, 92, van, { rx: 8 }) + path(polyD([ax + 176, 636, ax + 226, 636, ax + 262, 672, ax + 262, 704, ax + 176, 704]), van);
  out += path(polyD([ax + 190, 644, ax + 222, 644, ax + 248, 672, ax + 190, 672]), p.c("#34465f"));
  out += path(rectD(ax, 676, 262, 10) + rectD(ax + 58, 624, 46, 46), red) + path(rectD(ax + 74, 630, 14, 34) + rectD(ax + 64, 640, 34, 14), van);
  out += rect(ax + 20, 602, 30, 10, p.c("#2f6fd1")) + rect(ax + 50, 602, 30, 10, red);
  out += path(circleD(ax + 48, 708, 20) + circleD(ax + 214, 708, 20), p.c("#2a2e35")) + path(circleD(ax + 48, 708, 8) + circleD(ax + 214, 708, 8), p.c("#c4c8ce"));
  const trees = roundTrees(rng, [130, 250, 1450], 724, 150);
  return out + path(trees.trunk, p.c("#6b4f36")) + path(trees.crown, p.c("#4a8a45"));
}

export function stadium(ctx: SceneCtx): string {
  const { p, rng } = ctx;
  let out = sky(ctx, { horizon: 340, clouds: 2 });
  let town = "";
  for (let x = -20; x < W; x += rng.range(40, 90)) town += rectD(x, 340 - rng.range(20, 110), rng.range(35, 70), 120);
  out += path(town, mix(p.skyBottom, p.c("#5a6d85"), 0.5));
  out += rect(0, 340, W, 560, ctx.lin([p.c("#87a86a"), p.c("#5a7f48")]));
  // Floodlight masts behind the bowl.
  const masts: [number, number, number][] = [[300, 470, 140], [1300, 470, 140], [80, 760, 220], [1520, 760, 220]];
  let poles = "";
  let heads = "";
  let bulbs = "";
  let glow = "";
  const g = ctx.rad([[p.light, isLit(ctx) ? 0.75 : 0.3], [p.light, 0]]);
  for (const [x, bottom, top] of masts) {
    poles += `M${x} ${bottom}V${top}`;
    heads += rectD(x - 48, top - 34, 96, 44);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 2; j++) bulbs += circleD(x - 33 + i * 22, top - 22 + j * 20, 7);
    glow += circle(x, top - 12, isLit(ctx) ? 170 : 90, g);
  }
  out += line(poles, p.c("#5c6470"), 10);
  // Bowl: outer facade, rim, stands with crowd, pitch.
  out += ellipse(800, 680, 720, 230, p.c("#59616d")) + rect(80, 610, 1440, 70, p.c("#59616d"));
  let ribs = "";
  for (let a = 0.15; a < Math.PI; a += 0.16) {
    const x = 800 + 720 * Math.cos(a);
    const y = 610 + 230 * Math.sin(a);
    ribs += `M${fmt(x)} ${fmt(y + 8)}v56`;
  }
  out += line(ribs, p.c("#7c8592"), 8);
  out += ellipse(800, 610, 720, 230, p.c("#e3e6ea")) + ellipse(800, 616, 686, 206, p.c("#3e4656"));
  const crowd = [p.accent, p.c("#f2efe8"), p.accent2].map(() => "");
  for (let i = 0; i < 900; i++) {
    const a = rng.range(0, Math.PI * 2);
    const k = rng.range(0.7, 0.97);
    crowd[i % 3] += circleD(800 + 686 * k * Math.cos(a), 618 + 206 * k * Math.sin(a), 4);
  }
  out += crowd.map((d, i) => path(d, [p.accent, p.c("#f2efe8"), p.accent2][i]!, { opacity: 0.8 })).join("");
  out += ellipse(800, 620, 565, 165, "none", { stroke: p.c("#cfd4da"), "stroke-width": 6 });
  out += ellipse(800, 622, 470, 134, p.c("#3f7f3a"));
  const lx = (y: number) => 560 - (90 * (y - 540)) / 165;
  const rx = (y: number) => 1040 + (90 * (y - 540)) / 165;
  let bands = "";
  for (let i = 0; i < 7; i += 2) {
    const y0 = 540 + (165 * i) / 7;
    const y1 = 540 + (165 * (i + 1)) / 7;
    bands += polyD([lx(y0), y0, rx(y0), y0, rx(y1), y1, lx(y1), y1]);
  }
  out += path(polyD([560, 540, 1040, 540, 1130, 705, 470, 705]), p.c("#4f9a45")) + path(bands, p.c("#5aa94f"));
  const box = (s: number) =>
    s < 0
      ? polyD([lx(585), 585, lx(585) + 80, 585, lx(660) + 90, 660, lx(660), 660])
      : polyD([rx(585), 585, rx(585) - 80, 585, rx(660) - 90, 660, rx(660), 660]);
  out += line(polyD([560, 540, 1040, 540, 1130, 705, 470, 705]) + "M800 540V705" + box(-1) + box(1), "#ffffff", 3, { opacity: 0.9 });
  out += ellipse(800, 622, 62, 30, "none", { stroke: "#ffffff", "stroke-width": 3, opacity: 0.9 });
  return out + glow + path(heads, p.c("#3b414b")) + path(bulbs, lighten(p.light, 0.3));
}
