import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { media } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { sniffImageType } from "./formats";
import { repairStoredMedia } from "./repair";
import { diskStore } from "./storage";
import type { MediaExtension } from "./store";

let test: TestDatabase;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-repair-"));
const stored = (key: string) => fs.readFileSync(path.join(dataDir, "uploads", key));

const newKey = (extension: MediaExtension) => `2025/01/${randomBytes(16).toString("hex")}.${extension}`;
const variantKey = (key: string, width: number) => key.replace(/\.\w+$/, `-w${width}.webp`);

const picture = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: "#2a6" } });

async function animatedGif() {
  const frames = await Promise.all(
    ["#c00", "#0c0", "#00c"].map((background) => sharp({ create: { width: 300, height: 200, channels: 3, background } }).png().toBuffer()),
  );
  return sharp(frames, { join: { animated: true } }).gif().toBuffer();
}

/** Stores a file and its row as uploads did: `bytes` under `key`, row fields as given. */
async function seed(key: string, bytes: Buffer, row: { width: number; height: number; mimeType: string }, variants: Record<string, Buffer> = {}) {
  await diskStore(dataDir).put(key, bytes);
  for (const [variant, data] of Object.entries(variants)) await diskStore(dataDir).put(variant, data);
  const [inserted] = await test.db
    .insert(media)
    .values({
      storageKey: key,
      ...row,
      bytes: bytes.length,
      alt: "A seeded image",
      variants: Object.keys(variants).map((variant) => ({ width: Number(/-w(\d+)\./.exec(variant)![1]), storageKey: variant })),
    })
    .returning();
  return inserted!;
}

const rowOf = async (id: number) => (await test.db.select().from(media).where(eq(media.id, id)))[0]!;

beforeAll(async () => {
  test = await createTestDatabase();
});

afterAll(async () => {
  await test.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("repairStoredMedia", () => {
  it("re-encodes GIF bytes to the format each name promises, corrects the rows, and a second run does nothing", async () => {
    const gifPhoto = await picture(600, 400).gif().toBuffer();
    const jpg = newKey("jpg");
    const jpgRow = await seed(jpg, gifPhoto, { width: 600, height: 400, mimeType: "image/jpeg" }, {
      [variantKey(jpg, 480)]: await sharp(gifPhoto).resize({ width: 480 }).webp().toBuffer(),
    });
    const png = newKey("png");
    const pngRow = await seed(png, gifPhoto, { width: 600, height: 400, mimeType: "image/png" }, {
      [variantKey(png, 480)]: await sharp(gifPhoto).resize({ width: 480 }).gif().toBuffer(),
    });
    const webp = newKey("webp");
    const webpRow = await seed(webp, await animatedGif(), { width: 300, height: 600, mimeType: "image/webp" });
    const healthy = newKey("jpg");
    const healthyBytes = await picture(400, 300).jpeg().toBuffer();
    const healthyRow = await seed(healthy, healthyBytes, { width: 400, height: 300, mimeType: "image/jpeg" });

    const lines: string[] = [];
    const report = await repairStoredMedia({ store: diskStore(dataDir), log: (line) => lines.push(line) }, test.db);
    expect(report).toEqual({ checked: 4, reencoded: 4, rowsFixed: 3, problems: 0 });
    expect(lines.join("\n")).toContain(`${jpg}: gif bytes re-encoded as jpeg`);
    expect(lines.join("\n")).toContain(`${variantKey(png, 480)}: gif bytes re-encoded as webp`);
    expect(lines.at(-1)).toBe("Checked 4 image(s): re-encoded 4 file(s), corrected 3 row(s)");

    expect(sniffImageType(stored(jpg))).toBe("jpeg");
    expect(sniffImageType(stored(png))).toBe("png");
    expect(sniffImageType(stored(variantKey(png, 480)))).toBe("webp");
    expect(sniffImageType(stored(webp))).toBe("webp");
    expect(stored(healthy).equals(healthyBytes)).toBe(true);
    const animation = await sharp(stored(webp)).metadata();
    expect([animation.pages, animation.width, animation.height]).toEqual([3, 300, 200]);
    for (const [row, width, height, mimeType] of [
      [jpgRow, 600, 400, "image/jpeg"],
      [pngRow, 600, 400, "image/png"],
      [webpRow, 300, 200, "image/webp"],
    ] as const) {
      const after = await rowOf(row.id);
      const meta = await sharp(stored(row.storageKey)).metadata();
      expect([after.width, after.height, after.mimeType, meta.width, meta.height]).toEqual([width, height, mimeType, width, height]);
      expect(after.bytes).toBe(stored(row.storageKey).length);
    }
    expect(await rowOf(healthyRow.id)).toEqual(healthyRow);

    const files = [jpg, variantKey(jpg, 480), png, variantKey(png, 480), webp].map(stored);
    const again: string[] = [];
    const second = await repairStoredMedia({ store: diskStore(dataDir), log: (line) => again.push(line) }, test.db);
    expect(second).toEqual({ checked: 4, reencoded: 0, rowsFixed: 0, problems: 0 });
    expect(again).toEqual(["Checked 4 image(s): nothing to do"]);
    expect([jpg, variantKey(jpg, 480), png, variantKey(png, 480), webp].map(stored)).toEqual(files);
  });

  it("leaves missing and undecodable files as they are, and says so", async () => {
    const missing = newKey("png");
    await test.db.insert(media).values({ storageKey: missing, mimeType: "image/png", width: 1, height: 1, bytes: 1, alt: "Gone" });
    const garbage = newKey("jpg");
    await seed(garbage, Buffer.from("GIF89a and then nothing an image decoder can read"), { width: 1, height: 1, mimeType: "image/jpeg" });

    const lines: string[] = [];
    const report = await repairStoredMedia({ store: diskStore(dataDir), log: (line) => lines.push(line) }, test.db);
    expect(report).toEqual({ checked: 6, reencoded: 0, rowsFixed: 0, problems: 2 });
    expect(lines).toContain(`${missing}: missing, left as it is`);
    expect(lines).toContain(`${garbage}: gif bytes that cannot be decoded, left as they are`);
    expect(stored(garbage).toString()).toMatch(/^GIF89a and then nothing/);
  });
});
