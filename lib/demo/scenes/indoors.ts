// Interior scenes: courtroom, classroom, library, concert, theater. Time of day shows
// through windows and as a gentle tint on the room.

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

const archWindow = (x: number, y: number, w: number, h: number) =>
  `M${fmt(x)} ${fmt(y + h)}V${fmt(y + w / 2)}a${fmt(w / 2)} ${fmt(w / 2)} 0 0 1 ${fmt(w)} 0V${fmt(y + h)}z`;

export function courtroom(ctx: SceneCtx): string {
  const { p, rng } = ctx;
  const s = p.soft;
  let out = rect(0, 0, W, H, s("#efe3cf"));
  const skyFill = ctx.lin([p.skyTop, p.skyBottom]);
  for (const x of [330, 1130]) {
    out += path(archWindow(x, 150, 140, 330), skyFill);
    out += line(archWindow(x, 150, 140, 330) + `M${x + 70} 150V480M${x} 320H${x + 140}`, s("#cdb995"), 8);
  }
  if (ctx.time !== "night") out += path(polyD([330, 480, 470, 480, 700, 900, 480, 900]) + polyD([1130, 480, 1270, 480, 1420, 900, 1200, 900]), p.glow, { opacity: 0.18 });
  out += rect(0, 60, W, 56, s("#e0cfb2")) + rect(0, 52, W, 12, s("#cdb995"));
  let shafts = "";
  let flutes = "";
  let caps = "";
  for (const cx of [170, 620, 980, 1430]) {
    shafts += rectD(cx - 36, 140, 72, 420);
    flutes += `M${cx - 16} 150V550M${cx} 150V550M${cx + 16} 150V550`;
    caps += rectD(cx - 52, 116, 104, 26) + rectD(cx - 48, 540, 96, 22);
  }
  out += path(shafts, s("#f8f2e6")) + line(flutes, s("#e0d2b8"), 4) + path(caps, s("#e4d5bb"));
  // Seal with the scales of justice.
  const gold = s("#c9a441");
  out += circle(800, 250, 96, gold) + circle(800, 250, 80, s("#2c3e63"));
  out += line("M800 200V310M772 310H828M736 214H864M736 214L716 262M736 214L756 262M864 214L844 262M864 214L884 262", gold, 5);
  out += path("M710 262h52a26 16 0 0 1 -52 0zM838 262h52a26 16 0 0 1 -52 0z", gold) + circle(800, 198, 8, gold);
  // Wainscot, the judge's chair and bench, floor.
  out += rect(0, 560, W, 340, s("#7b4e32"));
  let panels = "";
  for (let x = 20; x < W; x += 200) panels += rectD(x, 590, 170, 150);
  out += line(panels, s("#5e3a24"), 4);
  out += rect(715, 290, 170, 190, s("#3b2418"), { rx: 50 });
  out += rect(0, 780, W, 120, s("#4d3122"));
  out += rect(390, 470, 820, 320, s("#6a4029")) + rect(370, 452, 860, 26, s("#4e2d1c"));
  out += line(rectD(430, 520, 220, 220) + rectD(690, 520, 220, 220) + rectD(950, 520, 220, 220), s("#8a5638"), 6);
  // Gavel on its sound block.
  const gx = rng.range(960, 1080);
  out += ellipse(gx, 452, 46, 11, s("#2e1a10"));
  const head = path(rectD(-56, -22, 112, 44), s("#5b3320")) + path(rectD(-40, -22, 10, 44) + rectD(30, -22, 10, 44), s("#c9a441"));
  const handle = path(rectD(-6, 20, 12, 130), s("#6e4128"));
  out += group(handle + head, { transform: `translate(${fmt(gx - 20)} 400) rotate(${fmt(rng.range(-70, -50))}) scale(1.35)` });
  return out;
}

export function classroom(ctx: SceneCtx): string {
  const { p, rng } = ctx;
  const s = p.soft;
  let out = rect(0, 0, W, 620, s("#ebe5d6")) + rect(0, 620, W, 280, s("#c79b6b"));
  let planks = "";
  for (let y = 650; y < H; y += 40) planks += `M0 ${y}H${W}`;
  out += line(planks, s("#b4875a"), 3) + rect(0, 600, W, 22, s("#b99a76"));
  // Window.
  out += rect(60, 120, 230, 360, ctx.lin([p.skyTop, p.skyBottom])) + line("M60 120h230v360h-230zM175 120V480M60 300H290", s("#f7f4ee"), 10);
  if (ctx.time === "night") out += circle(120 + rng.range(0, 100), 180, 18, p.sun);
  // Chalkboard with geometry sketches.
  out += rect(350, 120, 900, 370, s("#7b5434")) + rect(366, 136, 868, 338, s("#2f5d4a")) + rect(340, 486, 920, 14, s("#7b5434"));
  const tx = rng.range(420, 520);
  const cx = rng.range(760, 860);
  let chalk = `M${fmt(tx)} 420L${fmt(tx + 180)} 420L${fmt(tx + 60)} 220Z`;
  chalk += circleD(cx, 300, 90) + `M${fmt(cx)} 300l64 -64`;
  chalk += `M1000 300q35 -80 70 0t70 0M1000 430V200M990 420H1180`;
  out += line(chalk, "#eef2ea", 5, { opacity: 0.85 });
  // Clock.
  const hr = rng.range(0, Math.PI * 2);
  out += circle(1420, 200, 58, "#ffffff", { stroke: s("#333b47"), "stroke-width": 8 });
  out += line(`M1420 200l${fmt(28 * Math.sin(hr))} ${fmt(-28 * Math.cos(hr))}M1420 200l${fmt(42 * Math.sin(hr * 7))} ${fmt(-42 * Math.cos(hr * 7))}`, s("#333b47"), 6);
  // Globe on a cabinet.
  out += rect(1330, 470, 200, 150, s("#a9764b")) + line("M1430 480V610", s("#8d5f3a"), 4);
  out += line("M1378 420a54 54 0 0 0 104 0M1430 468V450", s("#6b6f78"), 6);
  out += circle(1430, 400, 50, s("#3f86c6"));
  out += path(circleD(1415, 385, 18) + circleD(1440, 420, 14) + circleD(1448, 375, 10), s("#6fb35c"));
  // Two rows of desks with chairs.
  let tops = "";
  let legs = "";
  let chairs = "";
  const rows: [number, number, number][] = [[660, 0.75, 3], [790, 1, 3]];
  for (const [y, k, n] of rows) {
    const w = 300 * k;
    const gap = (W - n * w) / (n + 1);
    for (let i = 0; i < n; i++) {
      const x = gap + i * (w + gap) + (rng() - 0.5) * 20;
      chairs += rectD(x + w * 0.3, y - 90 * k, w * 0.4, 70 * k) + rectD(x + w * 0.36, y - 20 * k, 10 * k, 90 * k) + rectD(x + w * 0.64 - 10 * k, y - 20 * k, 10 * k, 90 * k);
      tops += rectD(x, y, w, 22 * k);
      legs += rectD(x + 14 * k, y + 22 * k, 12 * k, 90 * k) + rectD(x + w - 26 * k, y + 22 * k, 12 * k, 90 * k);
    }
  }
  return out + path(chairs, p.accent) + path(legs, s("#5d6470")) + path(tops, s("#e0b884"));
}

export function library(ctx: SceneCtx): string {
  const { p, rng } = ctx;
  const s = p.soft;
  let out = rect(0, 0, W, H, s("#6b4a35")) + rect(0, 780, W, 120, s("#4a3326"));
  out += path(archWindow(640, 90, 320, 560), ctx.lin([p.skyTop, p.skyBottom]));
  out += line(archWindow(640, 90, 320, 560) + "M800 90V650M640 400H960M640 530H960", s("#3e2a1e"), 12);
  if (ctx.time === "night") out += circle(rng.range(700, 900), 260, 26, p.sun);
  // Two tall bookcases filled with books.
  const colours = ["#a83a32", "#2f5d8a", "#3f7a4a", "#d9a441", "#6c4a8c", "#e8dcc2"].map(s);
  const books = colours.map(() => "");
  let frames = "";
  for (const x0 of [40, 1040]) {
    frames += rectD(x0 - 20, 60, 560, 720);
    for (let shelf = 0; shelf < 6; shelf++) {
      const floor = 180 + shelf * 112;
      let x = x0 + rng.range(0, 10);
      while (x < x0 + 500) {
        const w = rng.range(14, 30);
        const h = rng.range(70, 96);
        books[rng.int(0, colours.length - 1)] += rectD(x, floor - h, Math.min(w, x0 + 520 - x), h);
        x += w + (rng.chance(0.1) ? rng.range(10, 30) : 2);
      }
    }
  }
  out += path(frames, s("#3b2619"));
  out += books.map((d, i) => path(d, colours[i]!)).join("");
  let shelves = "";
  for (const x0 of [40, 1040]) for (let i = 0; i < 6; i++) shelves += rectD(x0 - 20, 180 + i * 112, 560, 12);
  out += path(shelves, s("#8a5d3d"));
  // Reading table, lamp, open book.
  out += ellipse(800, 850, 520, 50, p.accent, { opacity: 0.8 });
  out += path(rectD(540, 700, 28, 140) + rectD(1032, 700, 28, 140), s("#4a2f20")) + rect(500, 680, 600, 28, s("#7b5236"));
  const lit = ctx.time !== "day";
  out += circle(650, 640, lit ? 230 : 140, ctx.rad([[p.light, lit ? 0.55 : 0.25], [p.light, 0]]));
  out += path("M600 680h100v-8h-46v-60h-8v60h-46z", s("#c9a441")) + path("M590 620a60 42 0 0 1 120 0z", s("#2f7a4a"));
  out += path("M860 676l90 -16 0 20 -90 16zM860 676l-90 -16 0 20 90 16z", s("#f6f0e2"));
  return out + path(rectD(1000, 650, 70, 16) + rectD(1006, 634, 62, 16), s("#2f5d8a"));
}

export function concert(ctx: SceneCtx): string {
  const { p, rng } = ctx;
  let out = rect(0, 0, W, H, ctx.lin([mix(p.skyTop, "#0a0816", 0.55), mix(p.skyBottom, "#1a1030", 0.6)]));
  // Screen behind the band.
  out += rect(420, 190, 760, 330, ctx.lin([p.accent, p.accent2], { x1: 0, y1: 0, x2: 1, y2: 1 }), { opacity: 0.85 });
  let grid = "";
  for (let x = 420; x <= 1180; x += 38) grid += `M${x} 190V520`;
  out += line(grid, "#000000", 2, { opacity: 0.25 });
  // Light beams from the truss.
  const beamColours = [p.light, p.accent, "#ffffff", p.accent2, p.light];
  beamColours.forEach((colour, i) => {
    const x = 300 + i * 250;
    const to = x + rng.range(-260, 260);
    out += path(polyD([x - 10, 150, x + 10, 150, to + 120, 760, to - 120, 760]), colour, { opacity: 0.22 });
  });
  // Truss, speaker stacks, stage.
  let truss = "M200 120H1400M200 160H1400";
  for (let x = 200; x < 1400; x += 40) truss += `M${x} 120L${x + 20} 160L${x + 40} 120`;
  out += line(truss + "M210 120V560M1390 120V560", p.c("#8d939c"), 6);
  let lamps = "";
  for (let x = 300; x <= 1300; x += 250) lamps += circleD(x, 168, 14);
  out += path(lamps, "#fff6da");
  let cones = "";
  for (const x of [90, 1390]) {
    out += rect(x, 300, 120, 260, "#15151c");
    cones += circleD(x + 60, 360, 30) + circleD(x + 60, 450, 38) + circleD(x + 60, 520, 22);
  }
  out += path(cones, "#3a3a48");
  out += rect(150, 560, 1300, 70, "#262632") + rect(150, 556, 1300, 8, p.c("#5b5b6e"));
  // Band: singer at a mic stand, guitarist, drum kit.
  const ink = "#0d0c14";
  const person = (x: number, y: number, k: number) =>
    circleD(x, y - 150 * k, 22 * k) + polyD([x - 34 * k, y - 124 * k, x + 34 * k, y - 124 * k, x + 22 * k, y - 40 * k, x - 22 * k, y - 40 * k]) + rectD(x - 20 * k, y - 42 * k, 14 * k, 42 * k) + rectD(x + 6 * k, y - 42 * k, 14 * k, 42 * k);
  const sx = rng.range(720, 880);
  let band = person(sx, 560, 1.1) + person(sx - 260, 560, 1) + person(sx + 270, 560, 1);
  band += circleD(sx + 270, 520, 44) + rectD(sx + 230, 470, 20, 50);
  out += path(band, ink) + line(`M${fmt(sx + 50)} 560V400l-24 -20M${fmt(sx - 290)} 440l80 40`, ink, 6);
  // Crowd in the foreground, some with raised hands.
  let crowd = "";
  let arms = "";
  for (let x = -20; x < W + 40; x += rng.range(46, 70)) {
    const y = rng.range(790, 830);
    crowd += circleD(x, y, 24) + `M${fmt(x - 46)} ${H}Q${fmt(x - 46)} ${fmt(y + 24)} ${fmt(x)} ${fmt(y + 24)}Q${fmt(x + 46)} ${fmt(y + 24)} ${fmt(x + 46)} ${H}z`;
    if (rng.chance(0.3)) arms += `M${fmt(x + 20)} ${fmt(y + 30)}l${fmt(rng.range(10, 40))} -110`;
  }
  return out + line(arms, ink, 14) + path(crowd, ink);
}

export function theater(ctx: SceneCtx): string {
  const { p, rng } = ctx;
  const s = p.soft;
  const cloth = s(rng.pick(["#9e1b22", "#7a1430", "#1f3a7a", "#1d5a46"]));
  const folds = ctx.lin([cloth, mix(cloth, "#ffffff", 0.18), cloth, mix(cloth, "#000000", 0.45), cloth], { x1: 0, y1: 0, x2: 90, y2: 0, user: true, repeat: true });
  let out = rect(0, 0, W, H, s("#3a1c1c"));
  out += rect(220, 120, 1160, 540, ctx.lin([s("#241a2c"), s("#120d18")]));
  // Spotlight beam and pool on the stage.
  const lx = rng.range(620, 980);
  const beam = ctx.time === "day" ? "#fff6d8" : p.light;
  out += path(polyD([lx - 40, 120, lx + 40, 120, lx + 170, 660, lx - 170, 660]), beam, { opacity: 0.18 });
  out += rect(180, 640, 1240, 110, s("#8a5a38")) + rect(160, 740, 1280, 40, s("#5a3a24"));
  out += ellipse(lx, 672, 190, 36, beam, { opacity: 0.55 });
  // A performer and a stool in the light.
  out += path(circleD(lx, 470, 24) + polyD([lx - 36, 500, lx + 36, 500, lx + 24, 610, lx - 24, 610]) + rectD(lx - 22, 606, 16, 64) + rectD(lx + 6, 606, 16, 64), "#151018");
  // Curtains with a repeating fold gradient, tied back, and the valance.
  out += path("M200 110H660C610 320 470 380 430 430C480 500 520 590 540 660H200Z", folds);
  out += path("M1400 110H940C990 320 1130 380 1170 430C1120 500 1080 590 1060 660H1400Z", folds);
  out += path(circleD(440, 430, 16) + circleD(1160, 430, 16), s("#d8b14a"));
  let valance = rectD(200, 100, 1200, 80);
  for (let i = 0; i < 10; i++) valance += circleD(260 + i * 120, 180, 60);
  out += path(valance, folds);
  out += path(`M180 ${H}V120Q800 20 1420 120V${H}H${W}V0H0V${H}z`, ctx.lin([s("#5a2329"), s("#3a161b")]));
  out += line("M180 760V120Q800 20 1420 120V760", s("#c19a3f"), 26, { "stroke-linecap": "butt" });
  out += line("M150 760V104Q800 -2 1450 104V760", s("#8e6c25"), 6, { "stroke-linecap": "butt" });
  // Seat backs in the foreground.
  let seats = "";
  for (const [y, r] of [[830, 44], [880, 52]] as const) {
    for (let x = (y === 830 ? 30 : 0) + rng.range(0, 10); x < W; x += r * 2.3) seats += `M${fmt(x - r)} ${H}V${fmt(y)}a${r} ${r * 0.7} 0 0 1 ${r * 2} 0V${H}z`;
  }
  return out + path(seats, s("#5c1418"));
}
