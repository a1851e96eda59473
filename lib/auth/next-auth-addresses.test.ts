import { describe, expect, it } from "vitest";
import { nextAuthAddress } from "./next-auth-addresses";

const ask = (method: string, segments: string[], query = "") => nextAuthAddress(method, segments, new URLSearchParams(query));

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
    ["GET", ["error"]],
  ])("lets next-auth answer %s /api/auth/%s", (method, segments) => {
    expect(ask(method, segments)).toEqual({ kind: "answered" });
  });

  it.each([[[]], [["nope"]], [["nope", "deeper"]], [["csrf", "extra"]], [["callback", "credentials", "extra"]], [["constructor"]], [["__proto__"]], [["_log"]]])(
    "finds nothing at /api/auth/%s",
    (segments) => {
      expect(ask("GET", segments)).toEqual({ kind: "not-found" });
    },
  );

  it("names the methods an address takes when asked with another", () => {
    expect(ask("DELETE", ["csrf"])).toEqual({ kind: "method-not-allowed", allowed: ["GET"] });
    expect(ask("POST", ["providers"])).toEqual({ kind: "method-not-allowed", allowed: ["GET"] });
    expect(ask("PUT", ["callback", "credentials"])).toEqual({ kind: "method-not-allowed", allowed: ["GET", "POST"] });
  });

  it("leaves every callbackUrl to the route, which makes it a newsroom page", () => {
    for (const url of ["/editor", "€", "javascript:alert(1)", "http://%zz"]) {
      expect(ask("GET", ["session"], `callbackUrl=${encodeURIComponent(url)}`)).toEqual({ kind: "answered" });
    }
  });

  it("refuses an error code that is not a word: it would go into a header", () => {
    expect(ask("GET", ["error"], "error=CredentialsSignin")).toEqual({ kind: "answered" });
    expect(ask("GET", ["error", "AccessDenied"])).toEqual({ kind: "answered" });
    expect(ask("GET", ["error"], "error=%E2%82%AC")).toMatchObject({ kind: "bad-request" });
    expect(ask("GET", ["error", "€"])).toMatchObject({ kind: "bad-request" });
  });
});
