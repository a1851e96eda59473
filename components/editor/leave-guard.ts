// When leaving the story editor asks first, without React or the DOM so Vitest can check it:
// which clicked links leave the page, and the history entry that lets the browser's Back ask
// before it goes (the app router's client navigations never fire beforeunload).

export const LEAVE_QUESTION = "You have unsaved changes. Leave without saving?";

/** A clicked link, as much of it as decides whether the click leaves this page. */
export interface LinkClick {
  href: string;
  /** The page's own address. */
  current: string;
  /** Inside the story body: a link being written, which a click selects and never follows. */
  inBody: boolean;
  target: string;
  download: boolean;
  /** Ctrl, Cmd, Shift or a middle click: the link opens elsewhere and this page stays. */
  elsewhere: boolean;
}

/** Whether following this link leaves the page with its unsaved changes. */
export function clickLeavesPage(click: LinkClick): boolean {
  if (click.inBody || click.download || click.elsewhere) return false;
  if (click.target && click.target !== "_self") return false;
  const to = new URL(click.href, click.current);
  const here = new URL(click.current);
  // A jump within the page (#section) stays.
  return !(to.origin === here.origin && to.pathname === here.pathname && to.search === here.search && to.hash !== "");
}

/** The marker on the extra history entry the guard adds on top of the editor's own. */
export const GUARD_KEY = "meridianLeaveGuard";

export const isGuardEntry = (state: unknown) => Boolean(state && typeof state === "object" && (state as Record<string, unknown>)[GUARD_KEY]);

/**
 * A Back press with the guard armed pops the guard entry. What happens next: "stay" puts the
 * guard back (the person chose to keep writing), "leave" goes one step further back, where
 * they were going.
 */
export function onGuardPopped(dirty: boolean, confirm: () => boolean): "stay" | "leave" {
  return dirty && !confirm() ? "stay" : "leave";
}
