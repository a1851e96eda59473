import { ForbiddenError } from "@/lib/errors";
import { adminRoute, jsonResponse } from "@/lib/http/route";
import { getLiveOverview, listUpcomingShows } from "@/lib/live/queries";

// GET /api/admin/live – every stream as the live desk sees it: address, status, poster and the
// programme from the show on now onwards. Editors and admins.

export const GET = adminRoute(async (_request, { user }) => {
  if (user.role !== "admin" && user.role !== "editor") throw new ForbiddenError("Only editors and admins run the live streams.");
  const now = new Date();
  const streams = await getLiveOverview(now);
  const programmes = await Promise.all(streams.map((stream) => listUpcomingShows(stream.id, now)));
  return jsonResponse(200, {
    // `shows` replaces the readers' six-hours-back `schedule`.
    streams: streams.map((stream, index) => ({ ...stream, schedule: undefined, shows: programmes[index] })),
  });
});
