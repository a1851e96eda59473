import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cropSize, cropUrl, readCrop } from "./crops";
import { storageKeyOf } from "./urls";
import { diskStore } from "./storage";

describe("cropSize", () => {
  it.each([
    [3000, 2000, "16x9", { width: 1200, height: 675 }],
    [3000, 2000, "1x1", { width: 1200, height: 1200 }],
    [800, 600, "16x9", { width: 800, height: 450 }],
    [800, 600, "4x3", { width: 800, height: 600 }],
    [800, 600, "1x1", { width: 600, height: 600 }],
    [600, 1200, "16x9", { width: 600, height: 338 }],
  ] as const)("%i×%i as %s is %o", (width, height, ratio, expected) => {
    expect(cropSize(width, height, ratio)).toEqual(expected);
  });
});

describe("storageKeyOf", () => {
  it("reads the key of an original's URL and nothing else", () => {
    const key = "2026/11/0123456789abcdef0123456789abcdef.png";
    expect(storageKeyOf(`/media/${key}`)).toBe(key);
    expect(storageKeyOf("https://elsewhere.example/a.png")).toBeNull();
    expect(storageKeyOf("/media/../etc/passwd")).toBeNull();
  });
});

describe("readCrop", () => {
  const key = "2026/11/fedcba9876543210fedcba9876543210.png";
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "crops-"));
    // A wide picture: a red left half and a blue right half.
    const half = { width: 800, height: 600, channels: 3 as const };
    const png = await sharp({ create: { ...half, width: 1600, background: "#0000ff" } })
      .composite([{ input: await sharp({ create: { ...half, background: "#ff0000" } }).png().toBuffer(), left: 0, top: 0 }])
      .png()
      .toBuffer();
    await diskStore(dataDir).put(key, png);
  });
  afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

  it("makes each shape once, as a JPEG of the promised size, and stores it", async () => {
    const crop = await readCrop(key, "1x1", diskStore(dataDir));
    expect(crop).not.toBeNull();
    expect(await sharp(crop!).metadata()).toMatchObject({ format: "jpeg", width: 600, height: 600 });
    const stored = path.join(dataDir, "uploads", key.replace(".png", "-c1x1.jpg"));
    expect((await fs.readFile(stored)).equals(crop!)).toBe(true);
    expect((await readCrop(key, "1x1", diskStore(dataDir)))!.equals(crop!)).toBe(true);
    const wide = await sharp((await readCrop(key, "16x9", diskStore(dataDir)))!).metadata();
    expect([wide.width, wide.height]).toEqual([1066, 600]);
  });

  it("has no crop of a missing file, a crop, or a variant", async () => {
    expect(await readCrop("2026/11/00000000000000000000000000000000.png", "4x3", diskStore(dataDir))).toBeNull();
    expect(await readCrop(key.replace(".png", "-c1x1.jpg"), "4x3", diskStore(dataDir))).toBeNull();
    expect(await readCrop(key.replace(".png", "-w640.webp"), "4x3", diskStore(dataDir))).toBeNull();
  });

  it("has no crop of a stored file that is not an image", async () => {
    const broken = "2026/11/11111111111111111111111111111111.jpg";
    await diskStore(dataDir).put(broken, Buffer.from("not an image"));
    expect(await readCrop(broken, "4x3", diskStore(dataDir))).toBeNull();
  });

  it("names crops under /media/crop", () => {
    expect(cropUrl(key, "4x3")).toBe(`/media/crop/4x3/${key}`);
  });
});
