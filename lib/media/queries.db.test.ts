import { afterAll, beforeAll, expect, it } from "vitest";
import { media } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { listMediaPage } from "./queries";

// The newsroom's library in pages: newest first, each image once, searches kept across pages.

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
  const sameMinute = new Date("2026-03-01T09:00:00Z");
  await test.db.insert(media).values(
    Array.from({ length: 7 }, (_, i) => ({
      storageKey: `test/${i + 1}.jpg`,
      mimeType: "image/jpeg",
      width: 10,
      height: 10,
      bytes: 1,
      alt: `${i % 2 ? "Harbour" : "Market"} picture ${i + 1}`,
      caption: i === 2 ? "Stalls before the storm" : "",
      credit: i === 4 ? "Photo: Jo Okafor" : "",
      fileName: i === 0 ? "IMG_2041-quay.JPG" : "",
      // Two images of the same instant: the id breaks the tie.
      createdAt: i < 2 ? sameMinute : new Date(sameMinute.getTime() + i * 60_000),
    })),
  );
});

afterAll(async () => {
  await test.dispose();
});

async function walk(q?: string) {
  const pages: string[][] = [];
  let before: number | undefined;
  for (;;) {
    const page = await listMediaPage({ q, before, limit: 3 });
    pages.push(page.items.map((item) => item.alt));
    if (page.nextCursor === null) return pages;
    before = page.nextCursor;
  }
}

it("pages through the whole library newest first, each image once", async () => {
  expect(await walk()).toEqual([
    ["Market picture 7", "Harbour picture 6", "Market picture 5"],
    ["Harbour picture 4", "Market picture 3", "Harbour picture 2"],
    ["Market picture 1"],
  ]);
});

it("keeps to a search on every page, and ends without an empty page", async () => {
  expect(await walk("harbour")).toEqual([["Harbour picture 6", "Harbour picture 4", "Harbour picture 2"]]);
  expect(await walk("market")).toEqual([["Market picture 7", "Market picture 5", "Market picture 3"], ["Market picture 1"]]);
});

it("finds words beginning with each word typed in alt text, caption, credit and file name, in any case", async () => {
  const found = async (q: string) => (await listMediaPage({ q })).items.map((item) => item.alt);
  expect(await found("STORM")).toEqual(["Market picture 3"]);
  expect(await found("okaf")).toEqual(["Market picture 5"]);
  expect(await found("market stall")).toEqual(["Market picture 3"]);
  // A file name is found whole, and by its parts.
  expect(await found("IMG_2041-quay.JPG")).toEqual(["Market picture 1"]);
  expect(await found("quay")).toEqual(["Market picture 1"]);
  expect(await found("2041 img")).toEqual(["Market picture 1"]);
  // Only beginnings of words, and every word must match.
  expect(await found("arbour")).toEqual([]);
  expect(await found("harbour storm")).toEqual([]);
  // Nothing to match on: the whole library.
  expect(await found("%%")).toHaveLength(7);
});
