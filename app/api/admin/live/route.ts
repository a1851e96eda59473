import { ForbiddenError, ValidationError } from "@/lib/errors";
import { adminRoute, jsonResponse } from "@/lib/http/route";
import { getLiveOverview, listProgramme } from "@/lib/live/queries";

// GET /api/admin/live?from=<ISO time> – every stream as the live desk sees it: address, status,
// poster, and a week of programme from `from` (default: now). Editors and admins.

export const GET = adminRoute(async (request, { user }) => {
  if (user.role !== "admin" && user.role !== "editor") throw new ForbiddenError("Only editors and admins run the live streams.");
  const now = new Date();
  const rawFrom = request.nextUrl.searchParams.get("from");
  const from = rawFrom === null ? now : new Date(rawFrom);
  if (Number.isNaN(from.getTime()) || from.getUTCFullYear() < 2000 || from.getUTCFullYear() > 9999) {
    throw new ValidationError({ from: "Send from as an ISO time between the years 2000 and 9999" });
  }
  const streams = await getLiveOverview(now);
  const programmes = await Promise.all(streams.map((stream) => listProgramme(stream.id, from)));
  return jsonResponse(200, {
    // `shows` replaces the readers' six-hours-back `schedule`.
    streams: streams.map((stream, index) => ({ ...stream, schedule: undefined, shows: programmes[index] })),
  });
});
