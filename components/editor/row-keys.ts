// Moving through a list from the keyboard, as mail and code review tools do: j or ↓ to the next
// row, k or ↑ to the previous one, / to the search box. Enter needs nothing of ours: the focus is
// on the row's link. A plain function of the key and where the focus is, so Vitest reads it
// without a browser; components/editor/story-list-keys.tsx listens and moves the focus.

export interface KeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** Where the focus is: typing into a field, on row `index` of the list, or elsewhere on the page. */
export type FocusPlace = { kind: "typing" } | { kind: "row"; index: number } | { kind: "page" };

export type RowKeyAction = { kind: "none" } | { kind: "row"; index: number } | { kind: "search" };

const NONE: RowKeyAction = { kind: "none" };

export function rowKeyAction(press: KeyPress, focus: FocusPlace, rows: number): RowKeyAction {
  // A shortcut of the browser or the system, or a letter typed into a field, is not ours.
  if (press.altKey || press.ctrlKey || press.metaKey || focus.kind === "typing") return NONE;
  if (press.key === "/") return { kind: "search" };
  if (rows === 0) return NONE;
  const next = press.key === "j" || press.key === "ArrowDown";
  const previous = press.key === "k" || press.key === "ArrowUp";
  if (!next && !previous) return NONE;
  if (focus.kind === "page") {
    // The arrows scroll the page until the focus is in the list; j and k enter it.
    if (press.key.startsWith("Arrow")) return NONE;
    return { kind: "row", index: next ? 0 : rows - 1 };
  }
  const index = Math.min(rows - 1, Math.max(0, focus.index + (next ? 1 : -1)));
  return { kind: "row", index };
}
