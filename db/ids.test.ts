import { describe, expect, it } from "vitest";
import { idSchema, isIdText, MAX_ID } from "./ids";

describe("ids from outside", () => {
  it.each(["1", "42", String(MAX_ID)])("accepts %s", (value) => {
    expect(isIdText(value)).toBe(true);
    expect(idSchema.parse(value)).toBe(Number(value));
  });

  it.each(["0", "-1", "1.5", "x", "", String(MAX_ID + 1), "99999999999"])("refuses %j", (value) => {
    expect(isIdText(value)).toBe(false);
    expect(idSchema.safeParse(value).success).toBe(false);
  });

  it("takes only the canonical spelling in a URL", () => {
    expect(isIdText("01")).toBe(false);
    expect(isIdText("1e3")).toBe(false);
  });
});
