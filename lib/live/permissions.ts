import type { CurrentUser } from "@/lib/auth/users";
import { canRunLiveDesk } from "@/lib/auth/roles";
import { ForbiddenError } from "@/lib/errors";

// Editors and admins run the live desk: streams, addresses and the programme.

export function requireLiveDesk(user: CurrentUser): void {
  if (!canRunLiveDesk(user)) throw new ForbiddenError("Only editors and admins run the live streams.");
}
