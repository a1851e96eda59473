"use client";

import { useEffect, useRef } from "react";
import { clickLeavesPage, GUARD_KEY, isGuardEntry, LEAVE_QUESTION, onGuardPopped } from "./leave-guard";

// Leaving with unsaved changes asks first, by every route: closing or reloading the tab
// (beforeunload), a link anywhere in the newsroom (but not one inside the story body), and the
// browser's Back, which in the app router is a client navigation: once there are changes, an
// extra entry for this same page goes on the history, so Back pops that one first and we can ask.

function linkClick(event: MouseEvent): { link: HTMLAnchorElement; leaves: boolean } | null {
  const link = (event.target as HTMLElement | null)?.closest?.("a[href]");
  if (!(link instanceof HTMLAnchorElement)) return null;
  const leaves = clickLeavesPage({
    href: link.href,
    current: window.location.href,
    inBody: Boolean(link.closest("[contenteditable], .body-editor")),
    target: link.target,
    download: link.hasAttribute("download"),
    elsewhere: event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button !== 0,
  });
  return { link, leaves };
}

/** `path`: this page's address, where Back returns to if the person stays (a new story moves to its own). */
export function useUnsavedWarning(dirty: boolean, path: string | null) {
  const dirtyRef = useRef(dirty);
  const pathRef = useRef(path);
  const armed = useRef(false);
  useEffect(() => {
    dirtyRef.current = dirty;
    pathRef.current = path;
  });

  // Back: armed at the first change, and kept until the page goes (a saved page just goes back).
  useEffect(() => {
    if (!dirty || armed.current) return;
    armed.current = true;
    window.history.pushState({ [GUARD_KEY]: true }, "", window.location.href);
  }, [dirty]);

  useEffect(() => {
    const onPop = (event: PopStateEvent) => {
      if (!armed.current || isGuardEntry(event.state)) return;
      // Our entry was popped: the app router must not act on it (this capture listener runs first).
      event.stopImmediatePropagation();
      if (onGuardPopped(dirtyRef.current, () => window.confirm(LEAVE_QUESTION)) === "stay") {
        window.history.pushState({ [GUARD_KEY]: true }, "", pathRef.current ?? window.location.href);
        return;
      }
      armed.current = false;
      dirtyRef.current = false;
      window.history.back();
    };
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirtyRef.current) return;
      event.preventDefault();
      event.returnValue = "";
    };
    const onClick = (event: MouseEvent) => {
      if (!dirtyRef.current || event.defaultPrevented) return;
      const click = linkClick(event);
      if (click?.leaves && !window.confirm(LEAVE_QUESTION)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener("popstate", onPop, true);
    window.addEventListener("beforeunload", beforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("popstate", onPop, true);
      window.removeEventListener("beforeunload", beforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, []);
}
