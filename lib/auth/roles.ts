import type { CurrentUser, Role } from "./users";

// Who may do what, by role, in one place: every command, page and action asks these predicates
// (or passes these lists to formAction / requireUser) instead of comparing roles itself.

/** Admins run the site: people, sections, the audit log, anyone's API tokens. */
export const ADMINS: readonly Role[] = ["admin"];
/** Editors and admins publish, moderate comments and run the live desk. */
export const EDITORS: readonly Role[] = ["admin", "editor"];

export const isAdmin = (user: Pick<CurrentUser, "role">): boolean => ADMINS.includes(user.role);
export const isEditorOrAdmin = (user: Pick<CurrentUser, "role">): boolean => EDITORS.includes(user.role);
