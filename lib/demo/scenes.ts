// Hero-image generator for the demo edition: flat editorial illustrations drawn entirely in
// code as SVG, rendered to JPEG with sharp. No fonts, text or external references.
//
// `variant` picks the time of day (dawn, day, dusk, night) and seeds a small PRNG that moves
// details around, so several stories can share a scene and still look different. The same
// (scene, variant) always gives the same picture.

import sharp from "sharp";
import { sceneNames, type SceneName } from "./types";
import { H, W, hashString, makeCtx, timesOfDay, type SceneCtx } from "./scenes/kit";
import * as city from "./scenes/city";
import * as nature from "./scenes/nature";
import * as indoors from "./scenes/indoors";
import * as science from "./scenes/science";
import * as transport from "./scenes/transport";


/** One drawing function per scene; each returns the SVG body for a 1600×900 canvas. */
const scenes: Record<SceneName, (ctx: SceneCtx) => string> = {
  skyline: city.skyline,
  capitol: city.capitol,
  harbor: city.harbor,
  mountains: nature.mountains,
  storm: nature.storm,
  chart: science.chart,
  stadium: city.stadium,
  courtroom: indoors.courtroom,
  laboratory: science.laboratory,
  forest: nature.forest,
  classroom: indoors.classroom,
  farm: nature.farm,
  bridge: city.bridge,
  train: transport.train,
  library: indoors.library,
  concert: indoors.concert,
  satellite: science.satellite,
  hospital: city.hospital,
  desert: nature.desert,
  "wind-farm": nature.windFarm,
  river: nature.river,
  market: city.market,
  runway: transport.runway,
  theater: indoors.theater,
};

export function drawSceneSvg(scene: SceneName, variant: number, width = 1600, height = 900): string {
  const v = Number.isFinite(variant) ? Math.trunc(variant) | 0 : 0;
  // Offset by the scene's index so that variant 0 is not the same time of day everywhere.
  const time = timesOfDay[(((sceneNames.indexOf(scene) + v) % 4) + 4) % 4]!;
  const seed = (hashString(scene) ^ Math.imul(v, 0x9e3779b1)) >>> 0;
  const ctx = makeCtx(time, seed, `${scene.replace(/[^a-z]/g, "")}${v >>> 0}-`);
  const body = scenes[scene](ctx);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${W} ${H}" preserveAspectRatio="xMidYMid slice">` +
    `<defs>${ctx.defs.join("")}</defs>${body}</svg>`
  );
}

export async function renderSceneJpeg(scene: SceneName, variant: number): Promise<{ data: Buffer; width: number; height: number }> {
  const width = 1600;
  const height = 900;
  const svg = drawSceneSvg(scene, variant, width, height);
  const data = await sharp(Buffer.from(svg), { density: 72 })
    .resize(width, height)
    .jpeg({ quality: 82, progressive: true, mozjpeg: true })
    .toBuffer();
  return { data, width, height };
}
