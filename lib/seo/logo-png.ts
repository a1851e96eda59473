import { readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { PUBLISHER_LOGO } from "./publisher";

// The publisher logo rendered from the one drawing of the mark (app/icon.svg), so the two never
// drift apart. Flattened on white: the mark's rounded corners would otherwise be transparent.

let rendered: Promise<Uint8Array<ArrayBuffer>> | undefined;

async function renderLogo(): Promise<Uint8Array<ArrayBuffer>> {
  const svg = await readFile(path.join(process.cwd(), "app/icon.svg"));
  const png = await sharp(svg, { density: 72 * (PUBLISHER_LOGO.width / 40) })
    .resize(PUBLISHER_LOGO.width, PUBLISHER_LOGO.height)
    .flatten({ background: "#ffffff" })
    .png()
    .toBuffer();
  return new Uint8Array(png);
}

/** The logo PNG, rendered once per process. */
export function readLogoPng(): Promise<Uint8Array<ArrayBuffer>> {
  rendered ??= renderLogo().catch((error: unknown) => {
    rendered = undefined;
    throw error;
  });
  return rendered;
}
