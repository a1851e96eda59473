// Transport scenes: train, runway.

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
  poly,
  polyD,
  rect,
  rectD,
  ridgeD,
  sky,
  type SceneCtx,
} from "./kit";

const isLit = (ctx: SceneCtx) => ctx.time === "dusk" || ctx.time === "night";

export function train(ctx: SceneCtx): string {
  const { p, rng } = ctx;
  let out = sky(ctx, { horizon: 560 });
  out += path(ridgeD(rng, 520, 45, 4), mix(p.skyBottom, p.c("#6f8f7a"), 0.5));
  out += path(ridgeD(rng, 610, 25, 5), p.c("#7aa65a"));
  out += poly([0, 690, W, 690, W, 745, 0, 745], p.c("#8c7f70"));
  out += rect(0, 745, W, 155, ctx.lin([p.c("#6c9a4c"), p.c("#4e7a3a")]));
  // Catenary masts and wire.
  let masts = "";
  for (let x = rng.range(40, 200); x < W; x += 330) masts += `M${fmt(x)} 700V470H${fmt(x + 60)}`;
  out += line(masts + "M0 500H1600", p.c("#4a5160"), 5);
  // Train: body with a streamlined nose, clipped windows and stripe.
  const nx = rng.range(1020, 1180);
  const body = `M-20 560H${fmt(nx)}C${fmt(nx + 140)} 560 ${fmt(nx + 232)} 612 ${fmt(nx + 256)} 668L${fmt(nx + 256)} 690H-20Z`;
  const clip = ctx.clip(body);
  out += path(body, p.c("#eef1f5"));
  let inner = rect(-20, 638, nx + 300, 14, p.accent) + rect(-20, 652, nx + 300, 5, p.accent2);
  let wins = "";
  for (let x = 10; x < nx - 40; x += 54) wins += rectD(x, 584, 38, 34);
  inner += path(wins, isLit(ctx) ? p.light : p.c("#2b3a52"));
  inner += path(polyD([nx + 30, 574, nx + 120, 578, nx + 196, 616, nx + 40, 616]), p.c("#22304a"));
  let doors = "";
  for (let x = rng.range(200, 320); x < nx - 60; x += 380) doors += `M${fmt(x)} 580v100h34v-100z`;
  inner += path(doors, p.c("#eef1f5"), { stroke: p.c("#b3bac6"), "stroke-width": 3 }) + line("M400 560V690M880 560V690", p.c("#9aa3b1"), 4);
  out += group(inner, { "clip-path": clip });
  out += circle(nx + 244, 676, 7, p.light);
  let bogies = "";
  for (let x = 80; x < nx + 200; x += 400) bogies += rectD(x, 688, 150, 14) + circleD(x + 35, 704, 13) + circleD(x + 115, 704, 13);
  out += path(bogies, p.c("#2d323c"));
  out += line(`M${fmt(nx - 200)} 560l30 -40h60M${fmt(nx - 170)} 520l40 40`, p.c("#4a5160"), 4);
  let ties = "";
  for (let x = 0; x < W; x += 26) ties += rectD(x, 714, 14, 10);
  return out + path(ties, p.c("#5b4a3a")) + rect(0, 712, W, 5, p.c("#7c828c"));
}


export function runway(ctx: SceneCtx): string {
  const { p, rng } = ctx;
  const hz = 520;
  let out = sky(ctx, { horizon: hz });
  out += path(ridgeD(rng, 505, 18, 4, 530), mix(p.skyBottom, p.c("#6c8272"), 0.45));
  out += rect(0, hz, W, H - hz, ctx.lin([p.c("#8fb56c"), p.c("#5d8a45")]));
  const tx = rng.range(950, 1100);
  out += rect(tx, 470, 420, 52, p.c("#d9dde3")) + rect(tx + 10, 482, 400, 22, isLit(ctx) ? p.light : p.c("#4b5d78"));
  const vx = 800 + rng.range(-80, 80);
  const cx = (y: number) => vx + ((800 - vx) * (y - hz)) / (H - hz);
  const half = (y: number) => 22 + (578 * (y - hz)) / (H - hz);
  const at = (u: number, y: number) => cx(y) + u * half(y);
  out += poly([at(-1, hz), hz, at(1, hz), hz, at(1, H), H, at(-1, H), H], p.c("#4a4f57"));
  // Perspective: screen depth y = hz + (H - hz) * z0 / z for evenly spaced z.
  const yAt = (z: number) => hz + (H - hz) / z;
  let dashes = "";
  let lights = "";
  for (let z = 1.05; z < 14; z *= 1.22) {
    const y0 = yAt(z);
    const y1 = yAt(z * 1.1);
    dashes += polyD([at(-0.025, y0), y0, at(0.025, y0), y0, at(0.025, y1), y1, at(-0.025, y1), y1]);
  }
  for (let z = 1; z < 20; z *= 1.14) {
    const y = yAt(z);
    const r = Math.max(1.5, (y - hz) / 38);
    lights += circleD(at(-1.04, y), y, r) + circleD(at(1.04, y), y, r);
  }
  for (const s of [-1, 1]) {
    for (let k = 0; k < 6; k++) {
      const u0 = s * (0.2 + k * 0.12);
      const u1 = u0 + s * 0.07;
      dashes += polyD([at(u0, H), H, at(u1, H), H, at(u1, 860), 860, at(u0, 860), 860]);
    }
  }
  out += path(dashes, "#f1f1ee") + path(lights, isLit(ctx) ? p.light : p.c("#e7e2c8"));
  // Control tower.
  out += rect(150, 300, 48, 222, p.c("#d5d8dd")) + poly([112, 258, 236, 258, 220, 302, 128, 302], p.c("#2f3e57"));
  out += rect(106, 246, 136, 14, p.c("#eceef1")) + line("M174 246V200", p.c("#59606b"), 4);
  // Aircraft climbing away.
  const px = rng.range(980, 1180);
  const py = rng.range(210, 290);
  let plane = path("M-262 -26H180C228 -26 262 -8 268 8C262 22 230 26 180 26H-150L-262 -14Z", p.c("#f4f6f9"));
  plane += path(polyD([-195, -25, -262, -25, -300, -125, -258, -125]), p.accent);
  plane += path(polyD([-215, -8, -268, -8, -305, 10, -250, 6]), p.c("#aab2bd"));
  plane += path(polyD([-10, 8, 70, 8, -70, 84, -118, 84]), p.c("#b9c0ca"));
  plane += ellipse(-6, 40, 44, 15, p.c("#8d96a3"));
  let windows = "";
  for (let x = -180; x < 160; x += 20) windows += circleD(x, -6, 4.5);
  plane += path(windows, p.c("#33415a")) + path(polyD([198, -14, 232, -14, 246, -2, 204, -2]), p.c("#33415a"));
  plane += line("M-130 14H236", p.accent2, 6);
  return out + group(plane, { transform: `translate(${fmt(px)} ${fmt(py)}) rotate(-11) scale(0.95)` });
}
