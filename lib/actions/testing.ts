import { createUser, type CurrentUser, type Role } from "@/lib/auth/users";

// Plumbing for the server-action tests: forms as the browser sends them, the newsroom's people,
// and the role × action matrix. Each test file still mocks the session itself (vi.mock is hoisted
// per file).

export type MatrixRole = Role | "anonymous";
type Outcome = "allowed" | "refused";

/** A FormData from a record, or from entries where a name may repeat (ticked checkboxes). */
export function form(fields: Record<string, string | number> | [string, string | number][]): FormData {
  const data = new FormData();
  for (const [key, value] of Array.isArray(fields) ? fields : Object.entries(fields)) data.append(key, String(value));
  return data;
}

/** One signed-in person per role, `<role>@<label>.test`, in the test file's database. */
export async function createNewsroomUsers<R extends Role>(label: string, roles: readonly R[]): Promise<Record<R, CurrentUser>> {
  const users = {} as Record<R, CurrentUser>;
  for (const role of roles) {
    const user = await createUser({ email: `${role}@${label}.test`, name: `${label} ${role}`, role, password: "a-long-test-password" });
    users[role] = { id: user.id, email: user.email, name: user.name, role };
  }
  return users;
}

/** Calls `callAs` once per role, in order, and sorts each answer by whether `refused` matches its error. */
export async function outcomesByRole(
  callAs: (role: MatrixRole) => Promise<{ error?: string }>,
  refused: RegExp,
): Promise<Record<MatrixRole, Outcome>> {
  const outcome = {} as Record<MatrixRole, Outcome>;
  for (const role of ["anonymous", "writer", "editor", "admin"] as const) {
    const result = await callAs(role);
    outcome[role] = result.error && refused.test(result.error) ? "refused" : "allowed";
  }
  return outcome;
}

/** What the matrix expects: anonymous is always refused; each role only if it is `allowed`. */
export function expectedOutcomes(allowed: MatrixRole[]): Record<MatrixRole, Outcome> {
  return {
    anonymous: "refused",
    writer: allowed.includes("writer") ? "allowed" : "refused",
    editor: allowed.includes("editor") ? "allowed" : "refused",
    admin: allowed.includes("admin") ? "allowed" : "refused",
  };
}
