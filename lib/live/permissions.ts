import type { CurrentUser } from "@/lib/auth/users";
import { ForbiddenError } from "@/lib/errors";

// Editors and admins run the live desk: streams, addresses and the programme.

export function requireLiveDesk(user: CurrentUser): void {
  if (user.role !== "admin" && user.role !== "editor") throw new ForbiddenError("Only editors and admins run the live streams.");
}
