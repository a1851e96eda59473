import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { media } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createUser, type CurrentUser } from "@/lib/auth/users";
import { DomainError, ValidationError } from "@/lib/errors";
import { sniffImageType, uploadImage } from "./upload";

let test: TestDatabase;
let writer: CurrentUser;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-media-"));
const details = { alt: "A test card of coloured bars", caption: "Bars.", credit: "Test desk" };

const picture = (format: "jpeg" | "png" | "webp" | "avif" | "gif", width = 2000, height = 1000) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .toFormat(format)
    .toBuffer();

beforeAll(async () => {
  process.env.DATA_DIR = dataDir;
  test = await createTestDatabase();
  const user = await createUser({ email: "w@test.test", name: "Writer", role: "writer", password: "a-long-test-password" });
  writer = { id: user.id, email: user.email, name: user.name, role: user.role };
});

afterAll(async () => {
  await test.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("uploadImage", () => {
  it.each(["jpeg", "png", "webp", "avif", "gif"] as const)("stores a %s re-encoded, with smaller WebP copies", async (format) => {
    const stored = await uploadImage(writer, { bytes: await picture(format), name: `photo.${format}` }, details);
    expect(stored.width).toBe(2000);
    expect(stored.variants.map((v) => v.width)).toEqual([480, 960, 1600]);
    const file = path.join(dataDir, "uploads", stored.src.replace("/media/", ""));
    const meta = await sharp(fs.readFileSync(file)).metadata();
    expect(meta.width).toBe(2000);
    expect(stored.mimeType).toBe(format === "avif" ? "image/webp" : `image/${format}`);
  });

  it("decides the type from the bytes, not the name, and refuses SVG and everything else with 415", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    for (const bytes of [svg, Buffer.from("plain text, named photo.jpg"), Buffer.from("%PDF-1.7")]) {
      const error = await uploadImage(writer, { bytes, name: "photo.jpg" }, details).catch((e) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).status).toBe(415);
    }
    expect(sniffImageType(await picture("png"))).toBe("png");
  });

  it("refuses an image with too many pixels before decoding it", async () => {
    const bomb = await sharp({ create: { width: 10_000, height: 6_000, channels: 3, background: "#000" } }).png({ compressionLevel: 9 }).toBuffer();
    const error = await uploadImage(writer, { bytes: bomb }, details).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors?.file).toMatch(/million pixels/);
  });

  it("refuses a damaged file and missing alt text with messages, storing nothing", async () => {
    const before = await test.db.$count(media);
    const truncated = (await picture("jpeg")).subarray(0, 200);
    const damaged = await uploadImage(writer, { bytes: truncated }, details).catch((e) => e);
    expect((damaged as ValidationError).fieldErrors?.file).toBeDefined();
    const noAlt = await uploadImage(writer, { bytes: await picture("png") }, { alt: " " }).catch((e) => e);
    expect((noAlt as ValidationError).fieldErrors?.alt).toMatch(/Describe the image/);
    expect(await test.db.$count(media)).toBe(before);
  });

  it("drops metadata such as the camera's position", async () => {
    const withExif = await sharp(await picture("jpeg", 800, 600))
      .withExif({ IFD0: { Copyright: "secret-owner", Artist: "secret-artist" } })
      .jpeg()
      .toBuffer();
    expect((await sharp(withExif).metadata()).exif).toBeDefined();
    const stored = await uploadImage(writer, { bytes: withExif }, details);
    const file = fs.readFileSync(path.join(dataDir, "uploads", stored.src.replace("/media/", "")));
    expect((await sharp(file).metadata()).exif).toBeUndefined();
  });
});
