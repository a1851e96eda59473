import { describe, expect, it } from "vitest";
import { clickLeavesPage, GUARD_KEY, isGuardEntry, onGuardPopped, type LinkClick } from "./leave-guard";

// Which ways out of the story editor ask first (use-unsaved-warning.ts does the asking).

const here = "http://localhost/editor/stories/7";
const click = (patch: Partial<LinkClick>): LinkClick => ({ href: "/editor", current: here, inBody: false, target: "", download: false, elsewhere: false, ...patch });

describe("links that leave the page", () => {
  it.each<[string, Partial<LinkClick>, boolean]>([
    ["a newsroom link", {}, true],
    ["the public site", { href: "http://localhost/" }, true],
    ["a link written in the story body", { href: "https://example.org/report", inBody: true }, false],
    ["a link opened in another tab", { target: "_blank" }, false],
    ["a Ctrl/Cmd-click", { elsewhere: true }, false],
    ["a download", { download: true }, false],
    ["a jump within the page", { href: "#main" }, false],
    ["this page again, without a jump", { href: "/editor/stories/7" }, true],
  ])("%s: %s", (_, patch, expected) => expect(clickLeavesPage(click(patch))).toBe(expected));
});

describe("the Back guard", () => {
  it("knows its own history entry", () => {
    expect(isGuardEntry({ [GUARD_KEY]: true, __NA: true })).toBe(true);
    expect(isGuardEntry({ __NA: true })).toBe(false);
    expect(isGuardEntry(null)).toBe(false);
  });

  it("asks only with unsaved changes, and stays when the answer is no", () => {
    const asked: string[] = [];
    const answer = (yes: boolean) => () => (asked.push("asked"), yes);
    expect(onGuardPopped(false, answer(false))).toBe("leave");
    expect(asked).toEqual([]);
    expect(onGuardPopped(true, answer(false))).toBe("stay");
    expect(onGuardPopped(true, answer(true))).toBe("leave");
    expect(asked).toHaveLength(2);
  });
});
