import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthor, createSection, documentOf } from "@/lib/testing/fixtures";
import { stories } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createNewsroomUsers } from "@/lib/actions/testing";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { CurrentUser } from "@/lib/auth/users";
import { ValidationError } from "@/lib/errors";
import { createStory } from "./commands";
import { scheduleStory } from "./workflow";
import * as route from "@/app/api/admin/stories/[id]/[action]/route";

// Scheduling, as the story editor's "Publish at" field and scripts send it, on a site whose clock
// is not the server's: a wall-clock time is read in SITE_TIMEZONE; a time PostgreSQL cannot store
// or a reader could never see is refused with 422, never a 500.

const siteTimeZone = process.env.SITE_TIMEZONE;
process.env.SITE_TIMEZONE = "Asia/Kolkata"; // UTC+05:30 all year

let test: TestDatabase;
let editor: CurrentUser;
let token = "";
let sectionId = 0;
let authorId = 0;

beforeAll(async () => {
  test = await createTestDatabase();
  ({ editor } = await createNewsroomUsers("schedule", ["editor"]));
  token = (await createApiToken(editor, { name: "schedule", expiresInDays: 30 })).token;
  sectionId = await createSection(test.db, "news", "News");
  authorId = await createAuthor(test.db, "Schedule Author");
});

afterAll(async () => {
  await test.dispose();
  if (siteTimeZone === undefined) delete process.env.SITE_TIMEZONE;
  else process.env.SITE_TIMEZONE = siteTimeZone;
});

let drafts = 0;
const draft = async () => (await createStory(editor, { headline: `On the site's clock ${++drafts}`, sectionId, authorIds: [authorId], body: documentOf("Text.") })).id;

async function schedule(id: number, body: unknown) {
  const request = new NextRequest(`http://localhost/api/admin/stories/${id}/schedule`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return route.POST(request, { params: Promise.resolve({ id: String(id), action: "schedule" }) });
}

const stored = async (id: number) => (await test.db.select().from(stories).where(eq(stories.id, id)))[0]!;

describe("POST /api/admin/stories/:id/schedule", () => {
  it.each([
    ["a wall-clock time, on the site's clock", "2031-05-01T10:00", "2031-05-01T04:30:00.000Z"],
    ["a wall-clock time with seconds", "2031-05-01T10:00:30", "2031-05-01T04:30:30.000Z"],
    ["an instant in UTC", "2031-05-01T10:00:00.000Z", "2031-05-01T10:00:00.000Z"],
    ["an instant with an offset", "2031-05-01T10:00:00+02:00", "2031-05-01T08:00:00.000Z"],
    ["the last minute of the year 9999", "9999-12-31T23:59", "9999-12-31T18:29:00.000Z"],
  ])("stores %s", async (_label, at, expected) => {
    const id = await draft();
    const response = await schedule(id, { at });
    expect(response.status).toBe(200);
    expect((await response.json()).scheduledAt).toBe(expected);
    const story = await stored(id);
    expect(story.status).toBe("scheduled");
    expect(story.scheduledAt!.toISOString()).toBe(expected);
  });

  const OUT_OF_RANGE = "Choose a time between now and the year 9999";
  const UNREADABLE = "Enter the date and time, such as 2031-05-01T10:00";
  it.each([
    ["the last day JavaScript knows", "+275760-09-13T00:00:00.000Z", UNREADABLE],
    ["the year 275760 on the wall clock", "275760-09-13T00:00", UNREADABLE],
    ["the year 10000", "+010000-01-01T00:00:00.000Z", UNREADABLE],
    ["a time past the year 9999 in UTC", "9999-12-31T23:00:00-05:00", OUT_OF_RANGE],
    ["a time in the past", "2001-01-01T10:00", OUT_OF_RANGE],
    ["the year 0", "0000-01-01T00:00", OUT_OF_RANGE],
    ["an impossible date", "2031-02-30T10:00", UNREADABLE],
    ["a bare number", "1", UNREADABLE],
    ["words", "tomorrow at ten", UNREADABLE],
    ["nothing", "", UNREADABLE],
    ["a number", 1_956_528_000_000, UNREADABLE],
    ["null", null, UNREADABLE],
  ])("refuses %s with 422 next to the field", async (_label, at, message) => {
    const id = await draft();
    const response = await schedule(id, { at });
    expect(response.status).toBe(422);
    expect((await response.json()).fieldErrors).toEqual({ at: message });
    expect((await stored(id)).status).toBe("draft");
  });

  it("refuses a body without a time", async () => {
    const response = await schedule(await draft(), {});
    expect(response.status).toBe(422);
  });
});

describe("scheduleStory", () => {
  it.each([[new Date(8.64e15)], [new Date(Date.UTC(10000, 0, 1))], [new Date(Number.NaN)], [new Date(Date.now() - 1000)]])("refuses %s", async (at) => {
    await expect(scheduleStory(editor, await draft(), at)).rejects.toBeInstanceOf(ValidationError);
  });
});
