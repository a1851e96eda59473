import { describe, expect, it } from "vitest";
import { hashToken } from "./token-hash";

// The stored hashes of every API token and preview link already issued depend on this exact
// function: changing it would silently end them all.

describe("hashToken", () => {
  it.each([
    ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    ["mrd_é", "85fc7f7df599331d20a812b17773a007d75a5d1a6a0b2b8902a5b2f55395bb54"],
  ])("hashes %j as SHA-256 in hex", (token, hex) => {
    expect(hashToken(token)).toBe(hex);
  });
});
