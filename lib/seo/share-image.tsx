import { readFile } from "node:fs/promises";
import path from "node:path";
import { ImageResponse } from "next/og";
import { readUpload } from "@/lib/media/storage";
import { storageKeyOf } from "@/lib/media/urls";

// The picture a link shows when it is shared (og:image, twitter:image): the headline or name in
// the publication's serif over the hero photo, darkened at the foot so the type always reads, with
// the mark and the site's name at the top. Pages without a photo get the same card on ink. Drawn
// by next/og (satori): fonts must be TTF, OTF or WOFF, so the two faces come from @fontsource.

export const SHARE_IMAGE_SIZE = { width: 1200, height: 630 } as const;

export interface ShareCard {
  /** A short line above the title: the section, "Topic", an author's role. */
  kicker: string;
  title: string;
  /** A media URL (/media/<key>) drawn behind the text. */
  backdrop?: string | null;
  /** A media URL drawn as a round portrait beside the text (author pages). */
  portrait?: string | null;
  siteName: string;
}

const fontFile = (pkg: string, file: string) => path.join(process.cwd(), "node_modules/@fontsource", pkg, "files", file);

let assets: Promise<{ serif: Buffer; sans: Buffer; mark: string }> | undefined;

/** Fonts and the mark, read once per process. */
function loadAssets() {
  assets ??= Promise.all([
    readFile(fontFile("source-serif-4", "source-serif-4-latin-700-normal.woff")),
    readFile(fontFile("inter", "inter-latin-600-normal.woff")),
    readFile(path.join(process.cwd(), "app/icon.svg")),
  ]).then(([serif, sans, svg]) => ({ serif, sans, mark: `data:image/svg+xml;base64,${svg.toString("base64")}` }));
  assets.catch(() => (assets = undefined));
  return assets;
}

/** A stored photo as a JPEG data URL fitted to `width`×`height`, or null when there is none. */
async function photoDataUrl(src: string | null | undefined, width: number, height: number): Promise<string | null> {
  const key = src ? storageKeyOf(src) : null;
  const file = key ? await readUpload(key) : null;
  if (!file) return null;
  try {
    // Loaded on first use: every page imports this module for SHARE_IMAGE_SIZE (README, "Memory").
    const { default: sharp } = await import("sharp");
    const jpeg = await sharp(file.data).resize({ width, height, fit: "cover", position: sharp.strategy.attention }).flatten({ background: "#131312" }).jpeg({ quality: 80 }).toBuffer();
    return `data:image/jpeg;base64,${jpeg.toString("base64")}`;
  } catch {
    return null;
  }
}

/** At most `max` characters, cut at a word, with an ellipsis when cut. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2)).trimEnd()}…`;
}

const titleSize = (title: string) => (title.length <= 50 ? 68 : title.length <= 90 ? 58 : 48);

export async function renderShareImage(card: ShareCard): Promise<ImageResponse> {
  const { width, height } = SHARE_IMAGE_SIZE;
  const [{ serif, sans, mark }, backdrop, portrait] = await Promise.all([
    loadAssets(),
    photoDataUrl(card.backdrop, width, height),
    photoDataUrl(card.portrait, 320, 320),
  ]);
  const title = clip(card.title, 140);
  return new ImageResponse(
    (
      <div style={{ width, height, display: "flex", position: "relative", background: "#131312", color: "#fbfaf7", fontFamily: "Inter" }}>
        {/* eslint-disable-next-line @next/next/no-img-element -- satori draws plain <img> */}
        {backdrop && <img src={backdrop} width={width} height={height} alt="" style={{ position: "absolute", top: 0, left: 0 }} />}
        <div
          style={{
            position: "absolute",
            top: 0,
            left: 0,
            width,
            height,
            display: "flex",
            flexDirection: "column",
            justifyContent: "space-between",
            padding: "56px 64px",
            ...(backdrop && {
              backgroundImage: "linear-gradient(180deg, rgba(19,19,18,0.55) 0%, rgba(19,19,18,0.1) 35%, rgba(19,19,18,0.85) 70%, rgba(19,19,18,0.95) 100%)",
            }),
          }}
        >
          <div style={{ display: "flex", alignItems: "center", gap: 18, fontSize: 30 }}>
            {/* eslint-disable-next-line @next/next/no-img-element -- satori draws plain <img> */}
            <img src={mark} width={52} height={52} alt="" />
            <span>{card.siteName}</span>
          </div>
          <div style={{ display: "flex", alignItems: "flex-end", gap: 48 }}>
            <div style={{ display: "flex", flexDirection: "column", width: portrait ? 784 : 1072, borderLeft: "8px solid #b3261e", paddingLeft: 28 }}>
              <span style={{ fontSize: 26, textTransform: "uppercase", letterSpacing: 2, color: "#e9e4da", marginBottom: 14 }}>{clip(card.kicker, 60)}</span>
              <span style={{ fontFamily: "Source Serif", fontSize: titleSize(title), lineHeight: 1.12 }}>{title}</span>
            </div>
            {/* eslint-disable-next-line @next/next/no-img-element -- satori draws plain <img> */}
            {portrait && <img src={portrait} width={240} height={240} alt="" style={{ borderRadius: 120, border: "6px solid #fbfaf7" }} />}
          </div>
        </div>
      </div>
    ),
    {
      ...SHARE_IMAGE_SIZE,
      fonts: [
        { name: "Source Serif", data: serif, weight: 700, style: "normal" },
        { name: "Inter", data: sans, weight: 600, style: "normal" },
      ],
    },
  );
}
