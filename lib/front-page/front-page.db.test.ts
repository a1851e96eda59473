import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { auditLog, stories } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createUser, type CurrentUser } from "@/lib/auth/users";
import { ForbiddenError, RuleError, ValidationError } from "@/lib/errors";
import { asCurrent, createSection, createStory } from "@/lib/testing/fixtures";
import { clearBanner, readBanner, readStoredBanner, setBanner } from "./banner";
import { listPinsForNewsroom, MAX_TOP_STORIES, pinStory, readFrontPagePicks, readPins, unpinStory } from "./pins";
import { bannerSweeper } from "./sweeper";

// The front page's pins and the breaking-news banner, on the database: who may change them, what
// readers see, stories dropping out when pulled, and the banner going at its expiry.

const spies = vi.hoisted(() => ({ invalidate: vi.fn(), invalidateStory: vi.fn() }));
vi.mock("@/lib/cache/invalidate", () => spies);

let test: TestDatabase;
let editor: CurrentUser;
let writer: CurrentUser;
let sectionId: number;
const published: { id: number; slug: string }[] = [];

const HOUR = 3_600_000;
/** "2030-05-01T10:00" for an instant, on UTC's wall clock. */
const utcLocal = (at: Date) => at.toISOString().slice(0, 16);

beforeAll(async () => {
  test = await createTestDatabase();
  await createSection(test.db, "news", "News");
  sectionId = await createSection(test.db, "news/harbor", "Harbor");
  const password = "a-long-test-password";
  editor = asCurrent(await createUser({ email: "editor@front.test", name: "Eddie Editor", role: "editor", password }));
  writer = asCurrent(await createUser({ email: "writer@front.test", name: "Wren Writer", role: "writer", password }));
  for (let i = 0; i < 6; i += 1) published.push(await createStory(test.db, { sectionId, headline: `Harbor story ${i}` }));
});

afterAll(async () => {
  await test.dispose();
});

beforeEach(() => {
  spies.invalidate.mockClear();
});

const ids = (list: { id: number }[]) => list.map((story) => story.id);

describe("pinned stories", () => {
  it("pins a lead and top stories in order, moves a story between them, and refreshes the front page", async () => {
    const [a, b, c] = [published[0]!, published[1]!, published[2]!];
    await pinStory(editor, { storyId: String(a.id), slot: "lead" }, test.db);
    await pinStory(editor, { storyId: String(b.id), slot: "top" }, test.db);
    await pinStory(editor, { storyId: String(c.id), slot: "top" }, test.db);
    expect(await readPins(test.db)).toEqual({ leadId: a.id, topIds: [b.id, c.id] });
    const picks = await readFrontPagePicks(test.db);
    expect(picks.lead?.id).toBe(a.id);
    expect(ids(picks.top)).toEqual([b.id, c.id]);
    expect(spies.invalidate).toHaveBeenCalledWith({ tags: ["front-page"], paths: ["/"] });
    // The lead pinned as a top story leaves the lead's place empty (the newest story takes it).
    await pinStory(editor, { storyId: String(a.id), slot: "top" }, test.db);
    expect(await readPins(test.db)).toEqual({ leadId: null, topIds: [b.id, c.id, a.id] });
    const audited = await test.db.select().from(auditLog).where(eq(auditLog.action, "front-page.pin"));
    expect(audited).toHaveLength(4);
  });

  it(`keeps at most ${MAX_TOP_STORIES} top stories, and refuses drafts and what is not a story`, async () => {
    await pinStory(editor, { storyId: String(published[3]!.id), slot: "top" }, test.db);
    const error = await pinStory(editor, { storyId: String(published[4]!.id), slot: "top" }, test.db).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RuleError);
    expect((error as RuleError).fieldErrors).toEqual({ storyId: `Up to ${MAX_TOP_STORIES} top stories can be pinned: unpin one first.` });
    const draft = await createStory(test.db, { sectionId, status: "draft", publishedAt: null });
    await expect(pinStory(editor, { storyId: String(draft.id), slot: "lead" }, test.db)).rejects.toThrow("Only a published story can be pinned");
    await expect(pinStory(editor, { storyId: "12abc", slot: "lead" }, test.db)).rejects.toBeInstanceOf(ValidationError);
    await expect(pinStory(editor, { storyId: String(published[5]!.id), slot: "side" }, test.db)).rejects.toBeInstanceOf(ValidationError);
    await expect(pinStory(writer, { storyId: String(published[5]!.id), slot: "lead" }, test.db)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("drops a pinned story that is unpublished from what readers see, and the newsroom says so", async () => {
    const pulled = published[1]!;
    await test.db.update(stories).set({ status: "unpublished" }).where(eq(stories.id, pulled.id));
    expect(ids((await readFrontPagePicks(test.db)).top)).not.toContain(pulled.id);
    expect((await listPinsForNewsroom(test.db)).find((pin) => pin.id === pulled.id)).toMatchObject({ slot: "top", shown: false });
    await test.db.update(stories).set({ status: "published" }).where(eq(stories.id, pulled.id));
  });

  it("unpins, which restores newest first", async () => {
    for (const pin of await readPins(test.db).then((pins) => pins.topIds)) await unpinStory(editor, { storyId: String(pin) }, test.db);
    expect(await readPins(test.db)).toEqual({ leadId: null, topIds: [] });
    expect(await readFrontPagePicks(test.db)).toEqual({ lead: null, top: [] });
  });
});

describe("the breaking-news banner", () => {
  const now = new Date();

  it("is put up with a link to a story, which follows the story and drops when it is pulled", async () => {
    const story = published[2]!;
    await setBanner(editor, { text: " Causeway closed ", link: "", storyId: String(story.id), expiresAt: utcLocal(new Date(now.getTime() + HOUR)) }, "UTC", test.db, now);
    expect(await readBanner(test.db)).toEqual({ text: "Causeway closed", href: `/news/harbor/${story.slug}`, expiresAt: expect.any(String) });
    expect(spies.invalidate).toHaveBeenCalledWith({ tags: ["front-page"] });
    await test.db.update(stories).set({ status: "unpublished" }).where(eq(stories.id, story.id));
    expect((await readBanner(test.db))?.href).toBeNull();
    await test.db.update(stories).set({ status: "published" }).where(eq(stories.id, story.id));
  });

  it("refuses bad input next to its field, keeping the banner as it was", async () => {
    const before = await readStoredBanner(test.db);
    const fieldErrors = async (raw: Record<string, string>) =>
      ((await setBanner(editor, { text: "Flood warning", link: "", storyId: "", expiresAt: utcLocal(new Date(now.getTime() + HOUR)), ...raw }, "UTC", test.db, now).catch((caught: unknown) => caught)) as ValidationError).fieldErrors;
    expect(await fieldErrors({ text: "  " })).toEqual({ text: "Enter the banner's text" });
    expect(await fieldErrors({ link: "javascript:alert(1)" })).toEqual({ link: "Enter an address starting with https:// or /, or leave it empty" });
    expect(await fieldErrors({ link: "https://example.org/flood", storyId: String(published[0]!.id) })).toEqual({ link: "Link to a story or an address, not both" });
    expect(await fieldErrors({ expiresAt: utcLocal(new Date(now.getTime() - HOUR)) })).toEqual({ expiresAt: "Choose a time in the future" });
    expect(await fieldErrors({ expiresAt: utcLocal(new Date(now.getTime() + 8 * 24 * HOUR)) })).toEqual({ expiresAt: "A banner runs at most 7 days" });
    expect(await fieldErrors({ expiresAt: "soon" })).toEqual({ expiresAt: "Enter a date and time, such as 2030-05-01 18:00" });
    await expect(clearBanner(writer, test.db)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await readStoredBanner(test.db)).toEqual(before);
  });

  it("reads the end time on the site's clock", async () => {
    await setBanner(editor, { text: "Ferry strike", expiresAt: "2030-01-01T12:00" }, "Asia/Tokyo", test.db, new Date("2029-12-31T12:00:00Z"));
    expect((await readStoredBanner(test.db))?.expiresAt).toBe("2030-01-01T03:00:00.000Z");
  });

  it("goes at its expiry: the sweeper removes it and refreshes the pages, once", async () => {
    await setBanner(editor, { text: "High tide", link: "https://example.org/tides", expiresAt: utcLocal(new Date(now.getTime() + HOUR)) }, "UTC", test.db, now);
    const sweep = bannerSweeper(test.db);
    spies.invalidate.mockClear();
    expect(await sweep(now)).toBe(false);
    expect(await sweep(new Date(now.getTime() + 2 * HOUR))).toBe(true);
    expect(await readStoredBanner(test.db)).toBeNull();
    expect(spies.invalidate).toHaveBeenCalledTimes(1);
    expect(await sweep(new Date(now.getTime() + 3 * HOUR))).toBe(false);
  });

  it("refreshes this instance's pages when the banner is cleared elsewhere", async () => {
    await setBanner(editor, { text: "Bridge open again", expiresAt: utcLocal(new Date(now.getTime() + HOUR)) }, "UTC", test.db, now);
    const sweep = bannerSweeper(test.db);
    expect(await sweep(now)).toBe(false);
    await clearBanner(editor, test.db);
    expect(await sweep(now)).toBe(true);
    expect(await sweep(now)).toBe(false);
  });
});
