import { describe, expect, it } from "vitest";
import {
  canEditAnyStory,
  canManageAuthors,
  canManagePeople,
  canManageSections,
  canModerate,
  canPublish,
  canReadAuditLog,
  canRevokeAnyToken,
  canRunLiveDesk,
  canSeeSiteViews,
  FIRST_ACCOUNT_ROLE,
  NEW_PERSON_ROLE,
  isDemotion,
  ROLES,
  rolesThat,
} from "./roles";
import type { Role } from "./users";

// The whole rights table, written out by hand: a change to a predicate or to the role list shows
// up here as a failing row, not as a page that quietly lets someone in.

const predicates = {
  canPublish,
  canEditAnyStory,
  canModerate,
  canRunLiveDesk,
  canManageAuthors,
  canManagePeople,
  canManageSections,
  canReadAuditLog,
  canRevokeAnyToken,
  canSeeSiteViews,
};

const table: Record<keyof typeof predicates, Record<Role, boolean>> = {
  canPublish: { admin: true, editor: true, writer: false },
  canEditAnyStory: { admin: true, editor: true, writer: false },
  canModerate: { admin: true, editor: true, writer: false },
  canRunLiveDesk: { admin: true, editor: true, writer: false },
  canManageAuthors: { admin: true, editor: true, writer: false },
  canManagePeople: { admin: true, editor: false, writer: false },
  canManageSections: { admin: true, editor: false, writer: false },
  canReadAuditLog: { admin: true, editor: false, writer: false },
  canRevokeAnyToken: { admin: true, editor: false, writer: false },
  canSeeSiteViews: { admin: true, editor: true, writer: false },
};

describe("role × predicate", () => {
  const cases = Object.entries(table).flatMap(([name, byRole]) =>
    Object.entries(byRole).map(([role, allowed]) => ({ name: name as keyof typeof predicates, role: role as Role, allowed })),
  );

  it.each(cases)("$name($role) is $allowed", ({ name, role, allowed }) => {
    expect(predicates[name]({ role })).toBe(allowed);
  });

  it("covers every role", () => {
    for (const byRole of Object.values(table)) expect(Object.keys(byRole).sort()).toEqual([...ROLES].sort());
  });
});

describe("rolesThat", () => {
  it.each([
    [canManagePeople, ["admin"]],
    [canPublish, ["admin", "editor"]],
  ] as const)("lists the roles a predicate allows (%#)", (can, roles) => {
    expect(rolesThat(can)).toEqual(roles);
  });
});

describe("isDemotion", () => {
  it.each([
    ["admin", "editor", true],
    ["admin", "writer", true],
    ["editor", "writer", true],
    ["writer", "editor", false],
    ["editor", "admin", false],
    ["editor", "editor", false],
  ] as const)("%s → %s: %s", (from, to, demotion) => {
    expect(isDemotion(from, to)).toBe(demotion);
  });
});

it("gives the first account of a newsroom the right to manage people, and a new person the fewest rights", () => {
  expect(canManagePeople({ role: FIRST_ACCOUNT_ROLE })).toBe(true);
  expect(NEW_PERSON_ROLE).toBe("writer");
});
