import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, liveShows, liveStreams } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createNewsroomUsers } from "@/lib/actions/testing";
import type { CurrentUser } from "@/lib/auth/users";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { addShow, addShowSeries, editShow } from "./commands";

// Editing a show, and repeating one daily or weekly on the site's clock: each repeat a show of
// its own, all added or none.

let test: TestDatabase;
let editor: CurrentUser;
let writer: CurrentUser;
let streamId = 0;
const NEW_YORK = "America/New_York"; // clocks forward on 9 March 2031, back on 2 November 2031

beforeAll(async () => {
  test = await createTestDatabase();
  ({ editor, writer } = await createNewsroomUsers("shows", ["editor", "writer"]));
  const [stream] = await test.db
    .insert(liveStreams)
    .values({ slug: "video", kind: "video", title: "Shows TV", url: "", status: "off_air" })
    .returning({ id: liveStreams.id });
  streamId = stream!.id;
});

afterAll(async () => {
  await test.dispose();
});

const showsTitled = (title: string) => test.db.select().from(liveShows).where(eq(liveShows.title, title)).orderBy(liveShows.startsAt);
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable("the command should have refused"),
    (error: unknown) => {
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).fieldErrors;
    },
  );

describe("editing a show", () => {
  it("changes every field, audits the change, and may keep the show's own slot", async () => {
    const show = await addShow(editor, streamId, { title: "Draft Hour", startsAt: "2031-04-01T10:00:00Z", endsAt: "2031-04-01T11:00:00Z" });
    // Half an hour later: it overlaps where it was, which is no clash with itself.
    const edited = await editShow(editor, show.id, {
      title: " Final Hour ",
      description: "Now with guests.",
      startsAt: "2031-04-01T10:30:00Z",
      endsAt: "2031-04-01T12:00:00Z",
    });
    expect(edited).toMatchObject({ id: show.id, title: "Final Hour", description: "Now with guests." });
    expect(edited.startsAt.toISOString()).toBe("2031-04-01T10:30:00.000Z");
    const [audit] = await test.db.select().from(auditLog).where(and(eq(auditLog.action, "live.show_edit"), eq(auditLog.targetId, String(show.id))));
    expect(audit!.details).toMatchObject({
      from: { title: "Draft Hour", startsAt: "2031-04-01T10:00:00.000Z" },
      to: { title: "Final Hour", startsAt: "2031-04-01T10:30:00.000Z", endsAt: "2031-04-01T12:00:00.000Z" },
    });
  });

  it("refuses what adding refuses, next to the field, and changes nothing", async () => {
    const first = await addShow(editor, streamId, { title: "Early Edit", startsAt: "2031-04-02T08:00:00Z", endsAt: "2031-04-02T09:00:00Z" });
    const second = await addShow(editor, streamId, { title: "Late Edit", startsAt: "2031-04-02T09:00:00Z", endsAt: "2031-04-02T10:00:00Z" });
    const moved = { title: "Late Edit", startsAt: "2031-04-02T08:30:00Z", endsAt: "2031-04-02T10:00:00Z" };
    expect(await refusal(editShow(editor, second.id, moved))).toEqual({ startsAt: "This overlaps “Early Edit”" });
    expect(await refusal(editShow(editor, second.id, { ...moved, title: " ", endsAt: "2031-04-02T08:00:00Z" }))).toMatchObject({
      title: "Name the show",
      endsAt: "The show must end after it starts",
    });
    const [unchanged] = await showsTitled("Late Edit");
    expect(unchanged!.startsAt.toISOString()).toBe("2031-04-02T09:00:00.000Z");
    await expect(editShow(editor, 2_000_000_000, moved)).rejects.toBeInstanceOf(NotFoundError);
    await expect(editShow(writer, first.id, moved)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("repeating a show", () => {
  it("keeps a daily show at 07:00 on the site's clock across the change to summer time", async () => {
    const shows = await addShowSeries(
      editor,
      streamId,
      { title: "Sunrise", startsAt: "2031-03-07T12:00:00Z", endsAt: "2031-03-07T13:00:00Z", every: "daily", times: "4" },
      undefined,
      NEW_YORK,
    );
    // 07:00 EST is 12:00 UTC; from Sunday 9 March 07:00 EDT is 11:00 UTC.
    expect(shows.map((show) => show.startsAt.toISOString())).toEqual([
      "2031-03-07T12:00:00.000Z",
      "2031-03-08T12:00:00.000Z",
      "2031-03-09T11:00:00.000Z",
      "2031-03-10T11:00:00.000Z",
    ]);
    expect(shows.map((show) => show.endsAt.getTime() - show.startsAt.getTime())).toEqual([3600_000, 3600_000, 3600_000, 3600_000]);
    expect(new Set(shows.map((show) => show.id)).size).toBe(4);
    const [audit] = await test.db.select().from(auditLog).where(eq(auditLog.action, "live.show_repeat"));
    expect(audit!.details).toMatchObject({ title: "Sunrise", every: "daily", shows: 4, ids: shows.map((show) => show.id) });
  });

  it("repeats weekly until a day (that day included), back across the change to winter time", async () => {
    // Wednesday 22 October 2031, 20:00 EDT; the last on Wednesday 12 November, 20:00 EST.
    const until = new Date("2031-11-13T04:59:59Z"); // 12 November, 23:59:59 EST
    const shows = await addShowSeries(
      editor,
      streamId,
      { title: "Evening Review", startsAt: "2031-10-23T00:00:00Z", endsAt: "2031-10-23T01:00:00Z", every: "weekly", until },
      undefined,
      NEW_YORK,
    );
    expect(shows.map((show) => show.startsAt.toISOString())).toEqual([
      "2031-10-23T00:00:00.000Z",
      "2031-10-30T00:00:00.000Z",
      "2031-11-06T01:00:00.000Z",
      "2031-11-13T01:00:00.000Z",
    ]);
  });

  it("refuses the whole series when any date clashes, naming the dates, and writes nothing", async () => {
    await addShow(editor, streamId, { title: "Gala", startsAt: "2031-06-10T10:30:00Z", endsAt: "2031-06-10T11:30:00Z" });
    await addShow(editor, streamId, { title: "Debate", startsAt: "2031-06-12T09:00:00Z", endsAt: "2031-06-12T12:00:00Z" });
    const series = { title: "Morning Desk", startsAt: "2031-06-08T10:00:00Z", endsAt: "2031-06-08T11:00:00Z", every: "daily", times: 7 };
    expect(await refusal(addShowSeries(editor, streamId, series, undefined, "UTC"))).toEqual({
      startsAt: "These dates clash with the programme: 10 June 2031 (“Gala”), 12 June 2031 (“Debate”)",
    });
    expect(await showsTitled("Morning Desk")).toEqual([]);
    expect(await test.db.select().from(auditLog).where(and(eq(auditLog.action, "live.show_repeat"), eq(auditLog.actorId, editor.id)))).toHaveLength(2);
  });

  it.each([
    ["no number and no last day", { every: "weekly" }, { times: "Say how many times, or until when" }],
    ["both", { every: "weekly", times: 3, until: "2031-08-01T00:00:00Z" }, { times: "Say how many times, or until when" }],
    ["more than 90 shows", { every: "daily", times: 91 }, { times: "Enter a number from 2 to 90" }],
    ["a single show", { every: "daily", times: 1 }, { times: "Enter a number from 2 to 90" }],
    ["a last day making more than 90", { every: "daily", until: "2031-12-31T00:00:00Z" }, { until: "That makes more than 90 shows: choose an earlier last day" }],
    ["a last day before the show", { every: "weekly", until: "2031-07-01T00:00:00Z" }, { until: "Choose a last day on or after the first show" }],
    ["an unknown rhythm", { every: "monthly", times: 3 }, { every: "Choose every day or every week" }],
    ["past the programme's years", { every: "weekly", times: 3, startsAt: "9999-12-20T10:00:00Z", endsAt: "9999-12-20T11:00:00Z" }, { times: "Keep the shows between the years 2000 and 9999" }],
  ])("refuses %s next to the field", async (_label, repeat, errors) => {
    const series = { title: "Refused Series", startsAt: "2031-07-07T10:00:00Z", endsAt: "2031-07-07T11:00:00Z", ...repeat };
    expect(await refusal(addShowSeries(editor, streamId, series, undefined, "UTC"))).toEqual(errors);
    expect(await showsTitled("Refused Series")).toEqual([]);
  });
});
