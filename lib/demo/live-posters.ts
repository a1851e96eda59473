// Posters for the demo streams, drawn in code: a broadcast test card for the video channel and
// a studio microphone over a sound wave for the radio. No text, so no fonts are needed.

import sharp from "sharp";

const W = 1280;
const H = 720;

function testCard(): string {
  const bars = ["#c0c0c0", "#c0c000", "#00c0c0", "#00c000", "#c000c0", "#c00000", "#0000c0"];
  const barWidth = W / bars.length;
  const top = bars.map((fill, i) => `<rect x="${i * barWidth}" y="0" width="${barWidth + 1}" height="${H * 0.62}" fill="${fill}"/>`).join("");
  const strip = [...bars]
    .reverse()
    .map((fill, i) => `<rect x="${i * barWidth}" y="${H * 0.62}" width="${barWidth + 1}" height="${H * 0.08}" fill="${i % 2 ? "#131313" : fill}"/>`)
    .join("");
  const ramp = Array.from({ length: 16 }, (_, i) => {
    const v = Math.round((i / 15) * 235 + 16).toString(16).padStart(2, "0");
    return `<rect x="${(i * W) / 16}" y="${H * 0.7}" width="${W / 16 + 1}" height="${H * 0.3}" fill="#${v}${v}${v}"/>`;
  }).join("");
  const rings = [250, 190, 130]
    .map((r, i) => `<circle cx="${W / 2}" cy="${H / 2}" r="${r}" fill="none" stroke="${i % 2 ? "#111" : "#fff"}" stroke-width="10" opacity="0.9"/>`)
    .join("");
  // A play mark in a dark disc: the channel's sign.
  const mark =
    `<circle cx="${W / 2}" cy="${H / 2}" r="92" fill="#101820"/>` +
    `<path d="M ${W / 2 - 28} ${H / 2 - 46} L ${W / 2 + 50} ${H / 2} L ${W / 2 - 28} ${H / 2 + 46} Z" fill="#e5322d"/>`;
  return top + strip + ramp + rings + mark;
}

function radio(): string {
  const sky = `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#14213d"/><stop offset="1" stop-color="#3a0f3f"/></linearGradient></defs><rect width="${W}" height="${H}" fill="url(#bg)"/>`;
  const wave = Array.from({ length: 64 }, (_, i) => {
    const height = 40 + Math.abs(Math.sin(i * 0.45) * Math.cos(i * 0.17)) * 260;
    const x = 40 + i * ((W - 80) / 64);
    return `<rect x="${x.toFixed(1)}" y="${(H / 2 - height / 2).toFixed(1)}" width="9" height="${height.toFixed(1)}" rx="4" fill="#f2a541" opacity="${i % 2 ? 0.55 : 0.8}"/>`;
  }).join("");
  const mic =
    `<rect x="${W / 2 - 70}" y="${H / 2 - 200}" width="140" height="250" rx="70" fill="#e8e8e8" stroke="#101820" stroke-width="8"/>` +
    Array.from({ length: 5 }, (_, i) => `<line x1="${W / 2 - 60}" x2="${W / 2 + 60}" y1="${H / 2 - 150 + i * 36}" y2="${H / 2 - 150 + i * 36}" stroke="#9aa0a6" stroke-width="6"/>`).join("") +
    `<path d="M ${W / 2 - 110} ${H / 2 - 10} a 110 110 0 0 0 220 0" fill="none" stroke="#e8e8e8" stroke-width="14"/>` +
    `<rect x="${W / 2 - 8}" y="${H / 2 + 100}" width="16" height="110" fill="#e8e8e8"/>` +
    `<rect x="${W / 2 - 90}" y="${H / 2 + 205}" width="180" height="18" rx="9" fill="#e8e8e8"/>`;
  return sky + wave + mic;
}

export const livePosters = {
  video: {
    draw: testCard,
    alt: "A broadcast test card: colour bars, a grey ramp and a red play sign in rings",
    caption: "Meridian Live",
  },
  audio: {
    draw: radio,
    alt: "A studio microphone in front of an orange sound wave on a dark blue and purple ground",
    caption: "Meridian Radio",
  },
} as const;

export async function renderPosterJpeg(kind: keyof typeof livePosters): Promise<{ data: Buffer; width: number; height: number }> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${livePosters[kind].draw()}</svg>`;
  const data = await sharp(Buffer.from(svg)).jpeg({ quality: 80, progressive: true, mozjpeg: true }).toBuffer();
  return { data, width: W, height: H };
}
