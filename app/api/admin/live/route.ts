import { ValidationError } from "@/lib/errors";
import { adminRoute, jsonResponse } from "@/lib/http/route";
import { env } from "@/lib/env";
import { addZonedDays } from "@/lib/format/zoned";
import { requireLiveDesk } from "@/lib/live/permissions";
import { getLiveOverview, listProgramme, PROGRAMME_DAYS } from "@/lib/live/queries";

// GET /api/admin/live?from=<ISO time> – every stream as the live desk sees it: address, status,
// poster, and a week of programme from `from` (default: now). Editors and admins.

export const GET = adminRoute(async (request, { user }) => {
  requireLiveDesk(user);
  const now = new Date();
  const rawFrom = request.nextUrl.searchParams.get("from");
  const from = rawFrom === null ? now : new Date(rawFrom);
  // Dates PostgreSQL stores, with the week after them.
  const year = from.getUTCFullYear(); // NaN for an invalid date
  const to = year >= 2000 && year <= 9999 ? addZonedDays(from, PROGRAMME_DAYS, env().timeZone) : null;
  if (!to || to.getUTCFullYear() > 9999) throw new ValidationError({ from: "Send from as an ISO time between the years 2000 and 9999" });
  const streams = await getLiveOverview(now);
  const programmes = await Promise.all(streams.map((stream) => listProgramme(stream.id, from, to)));
  return jsonResponse(200, {
    // `shows` replaces the readers' six-hours-back `schedule`.
    streams: streams.map((stream, index) => ({ ...stream, schedule: undefined, shows: programmes[index] })),
  });
});
