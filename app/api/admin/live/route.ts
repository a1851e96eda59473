import { readSiteSettings } from "@/lib/settings/site";
import { ValidationError } from "@/lib/errors";
import { newsroomRoute, jsonResponse, otherMethods } from "@/lib/http/route";
import { requireLiveDesk } from "@/lib/live/permissions";
import { PROGRAMME_YEARS } from "@/lib/live/programme-years";
import { getLiveDesk, programmeWeek } from "@/lib/live/queries";

// GET /api/admin/live?from=<ISO time> – every stream as the live desk sees it: address, status,
// poster, and a week of programme from `from` (default: now). Editors and admins.

export const GET = newsroomRoute(async (request, { user }) => {
  requireLiveDesk(user);
  const now = new Date();
  const rawFrom = request.nextUrl.searchParams.get("from");
  const week = programmeWeek(rawFrom === null ? now : new Date(rawFrom), (await readSiteSettings()).timeZone);
  if (!week) throw new ValidationError({ from: `Send from as an ISO time between ${PROGRAMME_YEARS}` });
  const streams = await getLiveDesk(week, now);
  // `shows` replaces the readers' six-hours-back `schedule`.
  return jsonResponse(200, { streams: streams.map((stream) => ({ ...stream, schedule: undefined })) });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
