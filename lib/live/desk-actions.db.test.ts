import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { liveShows, liveStreams } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createNewsroomUsers, form } from "@/lib/actions/testing";
import type { CurrentUser } from "@/lib/auth/users";
import * as desk from "@/app/editor/(newsroom)/live/actions";
import { signInAs } from "@/lib/testing/signed-in";

// The live desk's forms, called the way the browser sends them, on a site whose clock is not
// the server's: datetime-local values are read in SITE_TIMEZONE.

const siteTimeZone = process.env.SITE_TIMEZONE;
process.env.SITE_TIMEZONE = "Asia/Kolkata"; // UTC+05:30 all year

let test: TestDatabase;
let editor: CurrentUser;
let writer: CurrentUser;
let streamId = 0;

beforeAll(async () => {
  test = await createTestDatabase();
  ({ editor, writer } = await createNewsroomUsers("desk", ["editor", "writer"]));
  const [stream] = await test.db
    .insert(liveStreams)
    .values({ slug: "audio", kind: "audio", title: "Desk Radio", url: "/live/demo/audio/index.m3u8", status: "on_air" })
    .returning({ id: liveStreams.id });
  streamId = stream!.id;
});

afterAll(async () => {
  await test.dispose();
  if (siteTimeZone === undefined) delete process.env.SITE_TIMEZONE;
  else process.env.SITE_TIMEZONE = siteTimeZone;
});

describe("the live desk's forms", () => {
  it("reads a show's times on the site's clock and names it in the answer", async () => {
    signInAs(editor);
    const result = await desk.addShowAction({}, form({ streamId, title: " Tea Time ", description: "", startsAt: "2031-05-01T10:00", endsAt: "2031-05-01T11:30" }));
    expect(result).toEqual({ ok: "“Tea Time” added to the programme." });
    const [show] = await test.db.select().from(liveShows).where(eq(liveShows.title, "Tea Time"));
    expect(show!.startsAt.toISOString()).toBe("2031-05-01T04:30:00.000Z");
    expect(show!.endsAt.toISOString()).toBe("2031-05-01T06:00:00.000Z");

    const deleted = await desk.deleteShowAction({}, form({ showId: show!.id }));
    expect(deleted).toEqual({ ok: "“Tea Time” taken off the programme." });
    expect(await test.db.select().from(liveShows).where(eq(liveShows.id, show!.id))).toEqual([]);
  });

  it("repeats a show weekly until a day on the site's clock, and edits one of the repeats", async () => {
    signInAs(editor);
    const fields = { streamId, title: "Weekly Sitar", description: "", startsAt: "2031-06-02T20:00", endsAt: "2031-06-02T21:00", every: "weekly", times: "", until: "2031-06-16" };
    expect(await desk.addShowAction({}, form(fields))).toEqual({ ok: "“Weekly Sitar” added to the programme 3 times." });
    const shows = await test.db.select().from(liveShows).where(eq(liveShows.title, "Weekly Sitar")).orderBy(liveShows.startsAt);
    expect(shows.map((show) => show.startsAt.toISOString())).toEqual(["2031-06-02T14:30:00.000Z", "2031-06-09T14:30:00.000Z", "2031-06-16T14:30:00.000Z"]);

    const edit = { showId: shows[1]!.id, title: "Sitar Special", description: "Longer.", startsAt: "2031-06-09T19:30", endsAt: "2031-06-09T21:30" };
    expect(await desk.editShowAction({}, form(edit))).toEqual({ ok: "“Sitar Special” saved." });
    const [edited] = await test.db.select().from(liveShows).where(eq(liveShows.id, shows[1]!.id));
    expect(edited).toMatchObject({ title: "Sitar Special", description: "Longer." });
    expect(edited!.startsAt.toISOString()).toBe("2031-06-09T14:00:00.000Z");

    const refused = await desk.addShowAction({}, form({ ...fields, title: "Again", until: "16/06/2031" }));
    expect(refused.fieldErrors).toEqual({ until: "Enter the last day" });
    expect(refused.values).toMatchObject({ until: "16/06/2031" });
  });

  it.each([
    ["an impossible date", { startsAt: "2031-02-30T10:00", endsAt: "2031-03-01T11:00" }, "startsAt", "Enter when the show starts"],
    ["a time not in the field's format", { startsAt: "1 May 2031 10:00", endsAt: "2031-05-01T11:00" }, "startsAt", "Enter when the show starts"],
    ["an empty end", { startsAt: "2031-05-01T10:00", endsAt: "" }, "endsAt", "Enter when the show ends"],
  ])("refuses %s next to the field, keeping what was typed", async (_label, times, field, message) => {
    signInAs(editor);
    const result = await desk.addShowAction({}, form({ streamId, title: "Refused", ...times }));
    expect(result.fieldErrors?.[field]).toBe(message);
    expect(result.values).toMatchObject({ title: "Refused", startsAt: times.startsAt });
    expect(await test.db.select().from(liveShows).where(eq(liveShows.title, "Refused"))).toEqual([]);
  });

  it("answers a tampered stream id or poster as bad input, not a failure", async () => {
    signInAs(editor);
    for (const tampered of ["99999999999", "abc", "0"]) {
      expect(await desk.updateStreamAction({}, form({ streamId: tampered, title: "x", url: "", status: "off_air", posterMediaId: "" }))).toMatchObject({
        error: "There is no such stream.",
      });
    }
    const poster = await desk.updateStreamAction({}, form({ streamId, title: "Desk Radio", url: "/live/demo/audio/index.m3u8", status: "on_air", posterMediaId: "1e10" }));
    expect(poster.fieldErrors?.posterMediaId).toBe("Choose an image from the library");
  });

  it("is for editors and admins only", async () => {
    signInAs(writer);
    const fields = { streamId, title: "Desk Radio", url: "/live/demo/audio/index.m3u8", status: "off_air", posterMediaId: "" };
    expect((await desk.updateStreamAction({}, form(fields))).error).toBe("You do not have permission to do this.");
    signInAs(null);
    expect((await desk.updateStreamAction({}, form(fields))).error).toBe("Your session has ended. Sign in again.");
    const [stream] = await test.db.select().from(liveStreams).where(eq(liveStreams.id, streamId));
    expect(stream!.status).toBe("on_air");
  });
});
