import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { renderShareImage } from "./share-image";

// Drawn for real by next/og (satori and resvg): each card is a 1200×630 PNG, and its text changes
// the picture.

async function draw(title: string) {
  const response = await renderShareImage({ siteName: "The Meridian", kicker: "Topic", title, backdrop: "/media/2026/11/missing.jpg" });
  return Buffer.from(await response.arrayBuffer());
}

describe("renderShareImage", () => {
  it("draws a 1200×630 PNG whose picture follows its title, even a very long one", async () => {
    const short = await draw("Harbor ferries return");
    expect(await sharp(short).metadata()).toMatchObject({ format: "png", width: 1200, height: 630 });
    const long = await draw("A headline that runs on ".repeat(20));
    expect(await sharp(long).metadata()).toMatchObject({ width: 1200, height: 630 });
    expect(long.equals(short)).toBe(false);
  });
});
