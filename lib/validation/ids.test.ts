import { describe, expect, it } from "vitest";
import { idSchema, idSchemaWith, isIdText, MAX_ID } from "./ids";

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

  it.each([1, 42, MAX_ID])("accepts the number %d from a JSON body", (value) => {
    expect(idSchema.parse(value)).toBe(value);
  });

  it.each([0, -1, 1.5, MAX_ID + 1, 2 ** 53, 1e21, Number.NaN, Infinity])("refuses the number %d", (value) => {
    expect(idSchema.safeParse(value).success).toBe(false);
  });

  it.each([true, false, null, [7], { id: 7 }, " 7 ", "1e3", "0x10", "7.0"])("reads nothing else as an id: %j", (value) => {
    expect(idSchema.safeParse(value).success).toBe(false);
  });

  it("says what the field needs", () => {
    expect(idSchemaWith("Choose a section").safeParse(2 ** 31).error?.issues[0]?.message).toBe("Choose a section");
    expect(idSchemaWith("Choose a section").safeParse("x").error?.issues[0]?.message).toBe("Choose a section");
  });
});
