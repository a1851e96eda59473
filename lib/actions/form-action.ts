import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { getCurrentUser } from "@/lib/auth/session";
import { mustSetUpTwoFactor } from "@/lib/auth/two-factor";
import type { CurrentUser } from "@/lib/auth/users";
import { isDatabaseUnavailable } from "@/db/errors";
import { DomainError, fieldErrorsOf } from "@/lib/errors";
import { logError } from "@/lib/log";
import { submittedValues, type FormState } from "./errors";

// Every newsroom mutation goes through here: session and role checked on the server, input
// parsed with zod, and a result the form can show — a message per field, never an exception.

/** What a form says when the database was away: nothing was saved, and trying again will do. */
export const DATABASE_AWAY = "The database is briefly unavailable; nothing was saved. Try again in a few seconds.";

export interface ActionContext {
  user: CurrentUser;
  ip: string;
}

export function formAction<S extends z.ZodType>(options: {
  /** Who may run it: a predicate of lib/auth/roles.ts; without one, anyone signed in. */
  can?: (user: CurrentUser) => boolean;
  /** Runs for an admin who must still set up two-factor sign-in (REQUIRE_2FA): the set-up itself. */
  beforeTwoFactor?: boolean;
  schema: S;
  /** What the schema parses; by default one value per field name (the last one sent). */
  input?: (formData: FormData) => unknown;
  run: (data: z.output<S>, context: ActionContext) => Promise<FormState | void>;
}) {
  return async (_previous: FormState, formData: FormData): Promise<FormState> => {
    const state = await runAction(formData);
    return state.ok ? state : { ...state, values: submittedValues(formData) };
  };

  async function runAction(formData: FormData): Promise<FormState> {
    const user = await getCurrentUser();
    if (!user) return { error: "Your session has ended. Sign in again." };
    if (options.can && !options.can(user)) {
      return { error: "You do not have permission to do this." };
    }
    if (!options.beforeTwoFactor && (await mustSetUpTwoFactor(user))) {
      return { error: "Turn on two-factor sign-in first (Account)." };
    }
    const parsed = options.schema.safeParse(options.input ? options.input(formData) : Object.fromEntries(formData));
    if (!parsed.success) return { error: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };
    try {
      const ip = clientIpFromHeaders(await headers());
      return (await options.run(parsed.data, { user, ip })) ?? { ok: "Saved." };
    } catch (error) {
      // A redirect() from `run` (after a deletion, say) is Next's to carry out, not an error.
      unstable_rethrow(error);
      if (error instanceof DomainError) return { error: error.message, fieldErrors: error.fieldErrors };
      // The database restarting or too slow: worth another try in a moment, not an apology.
      if (isDatabaseUnavailable(error)) return { error: DATABASE_AWAY };
      logError(error);
      return { error: "Something went wrong on our side; nothing was changed. Try again." };
    }
  }
}
