// Science and economy scenes: chart, laboratory, satellite.

import {
  H,
  W,
  circle,
  circleD,
  ellipse,
  fmt,
  group,
  line,
  mix,
  path,
  polyD,
  rect,
  rectD,
  type SceneCtx,
} from "./kit";

export function chart(ctx: SceneCtx): string {
  const { p, rng } = ctx;
  const s = p.soft;
  let out = rect(0, 0, W, H, ctx.lin([mix(p.skyTop, "#ffffff", 0.5), mix(p.skyBottom, "#ffffff", 0.3)], { x1: 0, y1: 0, x2: 1, y2: 1 }));
  out += circle(1460, 110, 260, "#ffffff", { opacity: 0.18 }) + circle(120, 830, 220, "#ffffff", { opacity: 0.18 });
  out += rect(196, 140, 1000, 660, "#0b1a33", { rx: 28, opacity: 0.12 }) + rect(180, 120, 1000, 660, "#ffffff", { rx: 28 });
  let grid = "";
  for (let y = 250; y < 690; y += 88) grid += `M250 ${y}H1110`;
  out += line(grid, "#e4e8ef", 3) + line("M250 190V690H1110", "#9aa3b1", 4, { "stroke-linecap": "square" });
  // Bars follow a random walk that trends up or down (per variant).
  const up = rng.chance(0.65);
  const n = 8;
  let v = up ? rng.range(0.25, 0.4) : rng.range(0.75, 0.9);
  const bars: number[] = [];
  for (let i = 0; i < n; i++) {
    bars.push(v);
    v = Math.min(0.95, Math.max(0.12, v + (up ? 1 : -1) * rng.range(0.02, 0.12) + rng.range(-0.06, 0.06)));
  }
  const light = mix(p.accent, "#ffffff", 0.45);
  const pts: number[] = [];
  bars.forEach((b, i) => {
    const x = 290 + i * 102;
    const h = b * 440;
    out += rect(x, 690 - h, 64, h + 6, i === n - 1 ? p.accent : light, { rx: 10 });
    pts.push(x + 32, 690 - h - 60 + rng.range(-25, 25));
  });
  const ink = s("#1f2a3d");
  out += line("M" + pts.map(fmt).join(" ").replace(/^(\S+ \S+) /, "$1L"), ink, 7, { "stroke-linejoin": "round" });
  let dots = "";
  for (let i = 0; i < pts.length; i += 2) dots += circleD(pts[i]!, pts[i + 1]!, 11);
  out += path(dots, "#ffffff", { stroke: ink, "stroke-width": 6 });
  // Side cards: a trend arrow and a donut.
  out += rect(1226, 170, 300, 180, "#0b1a33", { rx: 24, opacity: 0.12 }) + rect(1210, 150, 300, 180, "#ffffff", { rx: 24 });
  const arrow = up ? polyD([1290, 280, 1340, 200, 1390, 280]) : polyD([1290, 200, 1340, 280, 1390, 200]);
  out += path(arrow, up ? s("#2f8f5b") : s("#c0392b")) + line("M1420 210H1470M1420 245H1480M1420 280H1455", "#d6dbe3", 12);
  out += rect(1226, 440, 300, 330, "#0b1a33", { rx: 24, opacity: 0.12 }) + rect(1210, 420, 300, 330, "#ffffff", { rx: 24 });
  const c = 2 * Math.PI * 90;
  let start = 0;
  const shares = [rng.range(0.35, 0.5), rng.range(0.2, 0.3)];
  shares.push(1 - shares[0]! - shares[1]!);
  [p.accent, p.accent2, "#cfd5de"].forEach((colour, i) => {
    const len = shares[i]! * c;
    out += circle(1360, 585, 90, "none", { stroke: colour, "stroke-width": 42, "stroke-dasharray": `${fmt(len - 4)} ${fmt(c)}`, "stroke-dashoffset": fmt(-start), transform: "rotate(-90 1360 585)" });
    start += len;
  });
  return out;
}

export function laboratory(ctx: SceneCtx): string {
  const { p, rng } = ctx;
  const s = p.soft;
  let out = rect(0, 0, W, 600, s("#e3ecef"));
  let tiles = "";
  for (let x = 0; x < W; x += 80) tiles += `M${x} 0V600`;
  for (let y = 40; y < 600; y += 80) tiles += `M0 ${y}H${W}`;
  out += line(tiles, s("#cfdce2"), 2);
  out += rect(80, 80, 300, 260, ctx.lin([p.skyTop, p.skyBottom])) + line("M80 80h300v260h-300zM230 80V340", s("#f4f7f8"), 12);
  // Shelf with reagent jars.
  out += rect(480, 236, 1040, 14, s("#9aa7b0"));
  const jars = ["#8a5a2b", "#3568b8", "#3f8f5a", "#c0602f", "#6a4bb0"].map(s);
  const jarPaths = jars.map(() => "");
  for (let x = 520, i = 0; x < 1480; x += rng.range(70, 110), i++) {
    const h = rng.range(60, 110);
    jarPaths[i % jars.length] += rectD(x, 236 - h, 46, h) + rectD(x + 8, 226 - h, 30, 10);
  }
  out += jarPaths.map((d, i) => path(d, jars[i]!)).join("");
  // Bench and cabinets.
  out += rect(0, 600, W, 300, s("#cfd8de")) + rect(0, 590, W, 30, s("#2d3440"));
  let doors = "";
  for (let x = 20; x < W; x += 260) doors += rectD(x, 650, 230, 220) + `M${x + 190} 740v40`;
  out += line(doors, s("#aab6bf"), 5);
  const glass = { opacity: 0.55, stroke: s("#7e97a6"), "stroke-width": 5, "stroke-linejoin": "round" };
  const liquids = [p.accent, p.accent2, s("#2fb59a"), s("#e2b23a")];
  // Microscope.
  const ink = s("#3d4654");
  out += rect(130, 560, 180, 32, ink, { rx: 8 }) + line("M270 570C320 520 320 430 250 400", ink, 30);
  out += rect(150, 500, 140, 14, ink) + path(polyD([178, 360, 212, 346, 262, 470, 228, 484]), ink) + rect(168, 322, 40, 40, s("#c9d1d8"), { transform: "rotate(-22 188 342)" });
  // Test tubes in a rack.
  let tubes = "";
  const fills = ["", "", "", ""];
  for (let i = 0; i < 5; i++) {
    const x = 430 + i * 44;
    tubes += `M${x} 420v140a12 12 0 0 0 24 0v-140z`;
    const top = rng.range(470, 530);
    fills[i % 4] += `M${x} ${fmt(top)}V560a12 12 0 0 0 24 0V${fmt(top)}z`;
  }
  out += fills.map((d, i) => path(d, liquids[i]!)).join("") + path(tubes, "#ffffff", glass);
  out += path(rectD(410, 500, 240, 14) + rectD(410, 580, 240, 12) + rectD(410, 500, 10, 92) + rectD(640, 500, 10, 92), s("#8a98a6"));
  // Erlenmeyer flask with bubbles.
  const fx = rng.range(790, 840);
  const half = (y: number) => 22 + (98 * (y - 450)) / 150;
  const level = rng.range(480, 530);
  out += path(polyD([fx - half(level) + 5, level, fx + half(level) - 5, level, fx + 114, 596, fx - 114, 596]), liquids[0]!);
  out += path(`M${fmt(fx - 22)} 360h44v90L${fmt(fx + 120)} 600H${fmt(fx - 120)}L${fmt(fx - 22)} 450Z`, "#ffffff", glass);
  let bubbles = "";
  for (let i = 0; i < 7; i++) bubbles += circleD(fx + rng.range(-20, 20), rng.range(250, 350), rng.range(5, 12));
  out += path(bubbles, liquids[0]!, { opacity: 0.6 });
  // Round-bottom flask on a cork ring, beaker.
  out += ellipse(1080, 594, 50, 10, s("#b0855a"));
  out += path("M1002.6 530A78 78 0 0 0 1157.4 530Z", liquids[1]!);
  out += path("M1062 380h36v68a78 78 0 1 1 -36 0z", "#ffffff", glass);
  out += path(`M1262 ${fmt(rng.range(480, 520))}h116v100h-116z`, liquids[2]!);
  out += path("M1250 440h140v150q0 10 -10 10h-120q-10 0 -10 -10z", "#ffffff", glass);
  return out;
}

export function satellite(ctx: SceneCtx): string {
  const { p, rng, time } = ctx;
  let out = rect(0, 0, W, H, ctx.lin(["#02040d", mix(p.skyTop, "#050a1e", 0.55)]));
  let stars = "";
  for (let i = 0; i < 140; i++) stars += circleD(rng.range(0, W), rng.range(0, H), rng.range(0.8, 2.4));
  out += path(stars, "#ffffff", { opacity: 0.85 });
  const fromLeft = time === "dawn" || (time === "day" && rng.chance(0.5));
  if (time !== "night") {
    const sx = fromLeft ? 120 : 1480;
    out += circle(sx, 140, 320, ctx.rad([["#fff4d6", 0.6], ["#fff4d6", 0]])) + circle(sx, 140, 46, "#fffaf0");
  }
  // Planet with atmosphere, continents and clouds; shaded at dawn, dusk and night.
  const cx = 800 + rng.range(-250, 250);
  const cy = 1700;
  const r = 1040;
  out += circle(cx, cy, r + 36, "#7fc4ff", { opacity: 0.25 }) + circle(cx, cy, r + 14, "#9fd4ff", { opacity: 0.5 });
  out += circle(cx, cy, r, ctx.lin(["#3d8bd8", "#163a73"]));
  let land = "";
  let clouds = "";
  for (let i = 0; i < 7; i++) {
    const x = cx + rng.range(-900, 900);
    const y = rng.range(680, 880);
    for (let k = 0; k < 4; k++) land += circleD(x + rng.range(-90, 90), y + rng.range(-30, 30), rng.range(30, 70));
  }
  for (let i = 0; i < 9; i++) {
    const x = rng.range(0, W);
    const y = rng.range(670, 880);
    clouds += circleD(x, y, 18) + circleD(x + 30, y - 8, 22) + circleD(x + 62, y, 16) + rectD(x, y, 62, 16);
  }
  let planet = path(land, "#5d9c58") + path(clouds, "#ffffff", { opacity: 0.7 });
  if (time === "night") {
    planet += rect(0, 600, W, 300, "#020617", { opacity: 0.7 });
    let cities = "";
    for (let i = 0; i < 70; i++) cities += circleD(rng.range(0, W), rng.range(690, 900), rng.range(1.5, 3.5));
    planet += path(cities, "#ffd66b");
  } else if (time !== "day") {
    const lit: [string, number] = ["#020617", 0];
    const shade: [string, number] = ["#020617", 0.8];
    planet += rect(0, 600, W, 300, ctx.lin(fromLeft ? [lit, lit, shade] : [shade, lit, lit], { x1: 0, y1: 0, x2: 1, y2: 0 }));
  }
  out += group(planet, { "clip-path": ctx.clip(circleD(cx, cy, r)) });
  // The satellite: foil body, solar wings, dish.
  const gold = "#d9a93a";
  let sat = line("M-60 0H-120M60 0H120M-30 -45L-20 -80M0 -45V-110", "#c7ccd4", 8);
  const panel = (x: number) => rectD(x, -62, 280, 124);
  sat += path(panel(-400) + panel(120), "#27468f");
  let cells = "M-400 0h280M120 0h280";
  for (let k = 1; k < 8; k++) cells += `M${-400 + k * 35} -62v124M${120 + k * 35} -62v124`;
  sat += line(cells, "#6f8fd6", 3, { "stroke-linecap": "butt" });
  sat += rect(-62, -48, 124, 96, gold, { rx: 6 }) + rect(28, -48, 34, 96, mix(gold, "#000000", 0.25));
  sat += line("M-62 -16H28M-62 16H28", mix(gold, "#000000", 0.15), 3);
  sat += ellipse(0, -110, 58, 18, "#eef1f5", { stroke: "#aab2bd", "stroke-width": 4 }) + circle(0, -140, 7, "#c7ccd4") + line("M0 -110V-140", "#c7ccd4", 4);
  const sx = rng.range(620, 980);
  const sy = rng.range(280, 360);
  out += group(sat, { transform: `translate(${fmt(sx)} ${fmt(sy)}) rotate(${fmt(rng.range(-18, 18))})` });
  return out;
}
