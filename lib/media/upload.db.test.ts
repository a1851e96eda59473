import fs from "node:fs";
import fsPromises from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { media } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createUser, type CurrentUser } from "@/lib/auth/users";
import { GET } from "@/app/media/[...key]/route";
import { DomainError, ValidationError } from "@/lib/errors";
import { sniffImageType } from "./formats";
import { UploadSpaceError } from "./store";
import { storedFileName, uploadImage } from "./upload";

let test: TestDatabase;
let writer: CurrentUser;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-media-"));
const details = { alt: "A test card of coloured bars", caption: "Bars.", credit: "Test desk" };

const picture = (format: "jpeg" | "png" | "webp" | "avif" | "gif", width = 2000, height = 1000) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .toFormat(format)
    .toBuffer();

/** A photograph stand-in: every pixel a different shade, far more than a GIF's 256 colours. */
const photograph = (format: "jpeg" | "png" | "webp") =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 50 } } })
    .toFormat(format)
    .toBuffer();

async function distinctColours(bytes: Buffer): Promise<number> {
  const { data } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const colours = new Set<number>();
  for (let i = 0; i < data.length; i += 3) colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
  return colours.size;
}

const storedFile = (src: string) => fs.readFileSync(path.join(dataDir, "uploads", src.replace("/media/", "")));

/** What app/media/[...key]/route.ts answers for a stored file. */
async function serve(src: string) {
  const key = src.replace("/media/", "").split("/");
  const response = await GET(new Request(`http://127.0.0.1${src}`), { params: Promise.resolve({ key }) });
  return { type: response.headers.get("content-type"), bytes: Buffer.from(await response.arrayBuffer()) };
}

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
  it.each([
    ["jpeg", "jpg", "image/jpeg"],
    ["png", "png", "image/png"],
    ["webp", "webp", "image/webp"],
    ["avif", "webp", "image/webp"],
    ["gif", "gif", "image/gif"],
  ] as const)("stores a %s re-encoded as .%s in that format, served as %s, with WebP copies", async (format, extension, mimeType) => {
    const stored = await uploadImage(writer, { bytes: await picture(format), name: `photo.${format}` }, details);
    expect(stored.src).toMatch(new RegExp(`\\.${extension}$`));
    // The name it was uploaded as is kept, for the library's search.
    expect(stored.fileName).toBe(`photo.${format}`);
    const bytes = storedFile(stored.src);
    expect(sniffImageType(bytes)).toBe(extension === "jpg" ? "jpeg" : extension);
    expect(stored.mimeType).toBe(mimeType);
    const served = await serve(stored.src);
    expect(served.type).toBe(mimeType);
    expect(served.bytes.equals(bytes)).toBe(true);
    const meta = await sharp(bytes).metadata();
    expect([meta.width, meta.height, stored.width, stored.height]).toEqual([2000, 1000, 2000, 1000]);
    expect(stored.variants.map((v) => v.width)).toEqual([480, 960, 1600]);
    for (const variant of stored.variants) {
      const variantBytes = storedFile(variant.src);
      expect(sniffImageType(variantBytes)).toBe("webp");
      expect((await serve(variant.src)).type).toBe("image/webp");
      expect((await sharp(variantBytes).metadata()).width).toBe(variant.width);
    }
  });

  it.each(["jpeg", "png", "webp"] as const)("keeps the colours of a photograph uploaded as %s", async (format) => {
    const original = await photograph(format);
    expect(await distinctColours(original)).toBeGreaterThan(50_000);
    const stored = await uploadImage(writer, { bytes: original, name: `photo.${format}` }, details);
    expect(await distinctColours(storedFile(stored.src))).toBeGreaterThan(20_000);
  });

  it.each(["gif", "webp"] as const)("keeps an animated %s animated, at the size of one frame", async (format) => {
    const frames = await Promise.all(
      ["#c00", "#0c0", "#00c"].map((background) =>
        sharp({ create: { width: 300, height: 200, channels: 3, background } }).png().toBuffer(),
      ),
    );
    const animation = await sharp(frames, { join: { animated: true } }).toFormat(format).toBuffer();
    const stored = await uploadImage(writer, { bytes: animation, name: `anim.${format}` }, details);
    const bytes = storedFile(stored.src);
    expect(sniffImageType(bytes)).toBe(format);
    const meta = await sharp(bytes).metadata();
    expect([meta.pages, meta.width, meta.height, stored.width, stored.height]).toEqual([3, 300, 200, 300, 200]);
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

  it("answers 507 when the upload disk fills, leaving no file, no half-written file and no row", async () => {
    const uploads = path.join(dataDir, "uploads");
    const filesBefore = fs.readdirSync(uploads, { recursive: true }).length;
    const rowsBefore = await test.db.$count(media);
    // The original fits; the disk is full by its first smaller copy.
    const writeFile = fsPromises.writeFile;
    let writes = 0;
    const full = vi.spyOn(fsPromises, "writeFile").mockImplementation(async (file, data, options) => {
      if (++writes === 1) return writeFile(file, data, options);
      await writeFile(file, "a part of it");
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    });
    try {
      const error = await uploadImage(writer, { bytes: await picture("png") }, details).catch((e) => e);
      expect(error).toBeInstanceOf(UploadSpaceError);
      expect((error as DomainError).status).toBe(507);
      expect((error as DomainError).message).toMatch(/no room left for uploads/);
    } finally {
      full.mockRestore();
    }
    expect(writes).toBe(2);
    expect(fs.readdirSync(uploads, { recursive: true }).filter((name) => String(name).includes(".partial"))).toEqual([]);
    expect(fs.readdirSync(uploads, { recursive: true }).length).toBe(filesBefore);
    expect(await test.db.$count(media)).toBe(rowsBefore);
  });
});

describe("storedFileName", () => {
  it.each([
    ["harbor dawn.jpg", "harbor dawn.jpg"],
    ["C:\\Users\\jo\\IMG_2041.JPG", "IMG_2041.JPG"],
    ["../../etc/passwd", "passwd"],
    ["nul\u0000in\ud800.png", "nulin.png"],
    [undefined, ""],
    ["x".repeat(300), "x".repeat(255)],
  ])("keeps %j as %j", (name, kept) => {
    expect(storedFileName(name)).toBe(kept);
  });
});
