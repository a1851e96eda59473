import { afterEach, describe, expect, it, vi } from "vitest";
import { absoluteUrl } from "@/lib/routing/public-urls";
import { cropsOf } from "./crops";
import { mediaUrl, storageKeyOf } from "./urls";

// Media addresses: through the app (/media/<key>) by default, on S3_PUBLIC_BASE_URL when it is
// set; either way the key is found again behind them (crops, share cards) and machines get them
// absolute.

const key = "2026/12/0123456789abcdef0123456789abcdef.jpg";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("media URLs", () => {
  it("go through the app without S3_PUBLIC_BASE_URL", () => {
    vi.stubEnv("S3_PUBLIC_BASE_URL", "");
    expect(mediaUrl(key)).toBe(`/media/${key}`);
    expect(storageKeyOf(`/media/${key}`)).toBe(key);
    expect(absoluteUrl(mediaUrl(key), "https://news.example.org")).toBe(`https://news.example.org/media/${key}`);
  });

  it("point at S3_PUBLIC_BASE_URL when it is set, and lead back to their key", () => {
    vi.stubEnv("S3_PUBLIC_BASE_URL", "https://media.example.org/news/");
    const src = mediaUrl(key);
    expect(src).toBe(`https://media.example.org/news/${key}`);
    expect(storageKeyOf(src)).toBe(key);
    // The app's own address still names the file; anything else does not.
    expect(storageKeyOf(`/media/${key}`)).toBe(key);
    expect(storageKeyOf(`https://elsewhere.example.org/news/${key}`)).toBeNull();
    expect(absoluteUrl(src, "https://news.example.org")).toBe(src);
    // Crops are made by the app on first request, so they stay on its address.
    expect(cropsOf({ src, width: 1600, height: 900 })[0]).toMatchObject({ ratio: "16x9", src: `/media/crop/16x9/${key}` });
  });
});
