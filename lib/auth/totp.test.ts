import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { acceptTotp, decryptSecret, encryptSecret, newTotpSecret, totpCode, totpQrSvg, totpUri } from "./totp";

// RFC 6238, appendix B: the SHA-1 secret "12345678901234567890" (base32 below); the RFC prints
// 8 digits, of which a 6-digit code is the last six.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const RFC_VECTORS: [number, string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("TOTP codes", () => {
  it.each(RFC_VECTORS)("match RFC 6238 at %i s", (seconds, eightDigits) => {
    expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(eightDigits.slice(-6));
  });

  it("are accepted one step either side of now, not two", () => {
    const now = 1_800_000_015_000;
    for (const offset of [-30_000, 0, 30_000]) {
      expect(acceptTotp(RFC_SECRET, totpCode(RFC_SECRET, now + offset), null, now)).not.toBeNull();
    }
    for (const offset of [-60_000, 60_000]) {
      expect(acceptTotp(RFC_SECRET, totpCode(RFC_SECRET, now + offset), null, now)).toBeNull();
    }
  });

  it("cannot be replayed: a code at or before the last accepted step is refused", () => {
    const now = 1_800_000_015_000;
    const code = totpCode(RFC_SECRET, now);
    const step = acceptTotp(RFC_SECRET, code, null, now);
    expect(step).toBe(Math.floor(now / 30_000));
    expect(acceptTotp(RFC_SECRET, code, step, now)).toBeNull();
    expect(acceptTotp(RFC_SECRET, code, step, now + 20_000)).toBeNull();
    // The previous step's code, still inside the window, is older than the one used: refused too.
    expect(acceptTotp(RFC_SECRET, totpCode(RFC_SECRET, now - 30_000), step, now)).toBeNull();
    // The next step's code is fine.
    expect(acceptTotp(RFC_SECRET, totpCode(RFC_SECRET, now + 30_000), step, now + 30_000)).toBe(step! + 1);
  });

  it.each(["", "12345", "1234567", "abcdef", "12 34 5a"])("refuses the malformed code %j", (code) => {
    expect(acceptTotp(RFC_SECRET, code, null)).toBeNull();
  });

  it("takes a code typed with a space in the middle", () => {
    const code = totpCode(RFC_SECRET);
    expect(acceptTotp(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, null)).not.toBeNull();
  });

  it("makes 160-bit secrets and an otpauth:// address apps read, and a QR code of it", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = totpUri(secret, "wren@example.test", "The Meridian");
    expect(uri).toMatch(/^otpauth:\/\/totp\/The%20Meridian:wren%40example\.test\?/);
    expect(new URL(uri).searchParams.get("secret")).toBe(secret);
    expect(new URL(uri).searchParams.get("period")).toBe("30");
    expect(totpQrSvg(uri)).toMatch(/^<svg[\s\S]*<\/svg>$/);
  });
});

describe("stored secrets", () => {
  const key = randomBytes(32);

  it("round-trip, and differ each time they are stored", () => {
    const stored = encryptSecret(RFC_SECRET, key);
    expect(stored).not.toContain(RFC_SECRET);
    expect(encryptSecret(RFC_SECRET, key)).not.toBe(stored);
    expect(decryptSecret(stored, key)).toBe(RFC_SECRET);
  });

  it("do not open under another key, nor when altered", () => {
    const stored = encryptSecret(RFC_SECRET, key);
    expect(decryptSecret(stored, randomBytes(32))).toBeNull();
    const altered = stored.slice(0, -2) + (stored.endsWith("AA") ? "BB" : "AA");
    expect(decryptSecret(altered, key)).toBeNull();
    expect(decryptSecret("not stored form", key)).toBeNull();
  });
});
