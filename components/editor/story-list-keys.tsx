"use client";

import { useEffect } from "react";
import { rowKeyAction, type FocusPlace } from "./row-keys";

// The story list's keys (components/editor/row-keys.ts): listens on the page and moves the focus
// to a row's first link, which Enter then opens, or to the search box. Renders nothing.

function focusPlace(rows: HTMLTableRowElement[]): FocusPlace {
  const active = document.activeElement;
  if (active instanceof HTMLElement && (active.isContentEditable || active.matches("input, textarea, select"))) return { kind: "typing" };
  const index = rows.findIndex((row) => row.contains(active));
  return index >= 0 ? { kind: "row", index } : { kind: "page" };
}

export function StoryListKeys({ table, search }: { table: string; search: string }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const rows = [...document.querySelectorAll<HTMLTableRowElement>(`${table} > tbody > tr`)];
      const action = rowKeyAction(event, focusPlace(rows), rows.length);
      if (action.kind === "none") return;
      event.preventDefault();
      if (action.kind === "search") document.getElementById(search)?.focus();
      else rows[action.index]?.querySelector<HTMLElement>("a")?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [table, search]);
  return null;
}
