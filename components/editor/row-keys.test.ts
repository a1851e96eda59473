import { describe, expect, it } from "vitest";
import { rowKeyAction, type FocusPlace } from "./row-keys";

const press = (key: string, modifiers: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...modifiers,
});
const page: FocusPlace = { kind: "page" };
const row = (index: number): FocusPlace => ({ kind: "row", index });

describe("keys of the story list", () => {
  it("moves down and up the rows with j, k and the arrows, stopping at the ends", () => {
    expect(rowKeyAction(press("j"), row(0), 3)).toEqual({ kind: "row", index: 1 });
    expect(rowKeyAction(press("ArrowDown"), row(1), 3)).toEqual({ kind: "row", index: 2 });
    expect(rowKeyAction(press("j"), row(2), 3)).toEqual({ kind: "row", index: 2 });
    expect(rowKeyAction(press("k"), row(2), 3)).toEqual({ kind: "row", index: 1 });
    expect(rowKeyAction(press("ArrowUp"), row(0), 3)).toEqual({ kind: "row", index: 0 });
  });

  it("enters the list with j (first row) or k (last row), but leaves the arrows to scroll the page", () => {
    expect(rowKeyAction(press("j"), page, 3)).toEqual({ kind: "row", index: 0 });
    expect(rowKeyAction(press("k"), page, 3)).toEqual({ kind: "row", index: 2 });
    expect(rowKeyAction(press("ArrowDown"), page, 3)).toEqual({ kind: "none" });
  });

  it("goes to the search box with /", () => {
    expect(rowKeyAction(press("/"), page, 3)).toEqual({ kind: "search" });
    expect(rowKeyAction(press("/"), row(1), 0)).toEqual({ kind: "search" });
  });

  it("never takes a key from someone typing, a browser shortcut or an empty list", () => {
    for (const key of ["j", "k", "/", "ArrowDown"]) expect(rowKeyAction(press(key), { kind: "typing" }, 3)).toEqual({ kind: "none" });
    expect(rowKeyAction(press("k", { ctrlKey: true }), row(1), 3)).toEqual({ kind: "none" });
    expect(rowKeyAction(press("/", { metaKey: true }), page, 3)).toEqual({ kind: "none" });
    expect(rowKeyAction(press("j", { altKey: true }), page, 3)).toEqual({ kind: "none" });
    expect(rowKeyAction(press("j"), page, 0)).toEqual({ kind: "none" });
    expect(rowKeyAction(press("x"), row(1), 3)).toEqual({ kind: "none" });
  });
});
