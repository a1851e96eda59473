import { describe, expect, it } from "vitest";
import { nextAuthAddress } from "./next-auth-addresses";

describe("nextAuthAddress", () => {
  it.each([
    ["GET", ["csrf"]],
    ["GET", ["session"]],
    ["POST", ["session"]],
    ["GET", ["providers"]],
    ["POST", ["callback", "credentials"]],
    ["GET", ["signin"]],
    ["POST", ["signout"]],
    ["HEAD", ["csrf"]],
    ["POST", ["_log"]],
  ])("lets next-auth answer %s /api/auth/%s", (method, segments) => {
    expect(nextAuthAddress(method, segments)).toEqual({ kind: "answered" });
  });

  it.each([[[]], [["nope"]], [["nope", "deeper"]], [["csrf", "extra"]], [["callback", "credentials", "extra"]], [["constructor"]], [["__proto__"]]])(
    "finds nothing at /api/auth/%s",
    (segments) => {
      expect(nextAuthAddress("GET", segments)).toEqual({ kind: "not-found" });
    },
  );

  it("names the methods an address takes when asked with another", () => {
    expect(nextAuthAddress("DELETE", ["csrf"])).toEqual({ kind: "method-not-allowed", allowed: ["GET"] });
    expect(nextAuthAddress("POST", ["providers"])).toEqual({ kind: "method-not-allowed", allowed: ["GET"] });
    expect(nextAuthAddress("PUT", ["callback", "credentials"])).toEqual({ kind: "method-not-allowed", allowed: ["GET", "POST"] });
    expect(nextAuthAddress("GET", ["_log"])).toEqual({ kind: "method-not-allowed", allowed: ["POST"] });
  });
});
