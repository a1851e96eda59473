import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, media } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createUser, type CurrentUser } from "@/lib/auth/users";
import { ForbiddenError, RuleError, ValidationError } from "@/lib/errors";
import { asCurrent } from "@/lib/testing/fixtures";
import { readPublicSiteSettings, readSiteSettings, updateSiteSettings } from "./site";
import { siteTimeZone } from "./time-zone";

// Saving the site settings: stored, audited, refreshing every page; the environment's fields
// left alone; bad input refused with nothing written.

const spies = vi.hoisted(() => ({ invalidate: vi.fn(), invalidateStory: vi.fn() }));
vi.mock("@/lib/cache/invalidate", () => spies);

let test: TestDatabase;
let admin: CurrentUser;
let editor: CurrentUser;

beforeAll(async () => {
  test = await createTestDatabase();
  const password = "a-long-test-password";
  admin = asCurrent(await createUser({ email: "admin@settings.test", name: "Ada Admin", role: "admin", password }));
  editor = asCurrent(await createUser({ email: "editor@settings.test", name: "Eddie Editor", role: "editor", password }));
});

afterAll(async () => {
  await test.dispose();
});

afterEach(() => {
  vi.unstubAllEnvs();
  spies.invalidate.mockClear();
});

const audits = () => test.db.select().from(auditLog).where(and(eq(auditLog.action, "site.settings"), eq(auditLog.actorId, admin.id)));

describe("saving the site settings", () => {
  it("stores them, audits what changed, and refreshes every page that shows them", async () => {
    vi.stubEnv("SITE_NAME", "");
    vi.stubEnv("SITE_TIMEZONE", "");
    const saved = await updateSiteSettings(admin, { name: "The Harbor Ledger", timeZone: "Europe/Lisbon", commentsOpenByDefault: "false", commentsPerStory: "12" }, test.db);
    expect(saved).toMatchObject({ name: "The Harbor Ledger", timeZone: "Europe/Lisbon", commentsOpenByDefault: false, commentsPerStory: 12 });
    expect(await readSiteSettings(test.db)).toMatchObject({ name: "The Harbor Ledger", timeZone: "Europe/Lisbon" });
    // Dates printed without a zone follow the settings read last.
    expect(siteTimeZone()).toBe("Europe/Lisbon");
    expect(spies.invalidate).toHaveBeenCalledWith({ tags: ["site"] });
    const [entry] = await audits();
    expect(entry?.details).toMatchObject({ name: { from: null, to: "The Harbor Ledger" }, commentsPerStory: { from: null, to: 12 } });
  });

  it("leaves out what the environment sets: it wins, and the stored value stays as it was", async () => {
    vi.stubEnv("SITE_NAME", "Meridian Daily");
    await updateSiteSettings(admin, { name: "Renamed by the form", description: "Tides and ferries." }, test.db);
    // (The environment's value itself is read once per process: resolveSiteSettings is tested apart.)
    expect((await readSiteSettings(test.db)).fixed).toEqual({ name: "SITE_NAME" });
    vi.stubEnv("SITE_NAME", "");
    expect((await readSiteSettings(test.db)).description).toBe("Tides and ferries.");
    expect((await readSiteSettings(test.db)).name).toBe("The Harbor Ledger");
  });

  it("refuses bad input next to its field and writes nothing", async () => {
    const before = await readSiteSettings(test.db);
    const error = await updateSiteSettings(admin, { name: "Fine", timeZone: "Europe/Atlantis" }, test.db).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ timeZone: "Choose a time zone by its IANA name, such as Europe/London or UTC" });
    await expect(updateSiteSettings(admin, { logoMediaId: "999999" }, test.db)).rejects.toBeInstanceOf(RuleError);
    expect(await readSiteSettings(test.db)).toEqual(before);
    expect(spies.invalidate).not.toHaveBeenCalled();
  });

  it("is for admins only", async () => {
    await expect(updateSiteSettings(editor, { name: "Editor's name" }, test.db)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("never names as its logo an image deleted while the settings were being saved", async () => {
    const [image] = await test.db
      .insert(media)
      .values({ storageKey: "logo-race.png", mimeType: "image/png", width: 64, height: 64, bytes: 100, alt: "A mark" })
      .returning({ id: media.id });
    // A delete that has removed the row but not yet committed (lib/media/delete.ts checked it was
    // unused a moment before). On a server the save must wait for it, then find the image gone.
    let rowDeleted!: () => void;
    const deletedNow = new Promise<void>((resolve) => (rowDeleted = resolve));
    const deleting = test.db.transaction(async (tx) => {
      await tx.delete(media).where(eq(media.id, image!.id));
      rowDeleted();
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    await deletedNow;
    const saving = updateSiteSettings(admin, { logoMediaId: String(image!.id) }, test.db).catch((caught: unknown) => caught);
    await deleting;
    expect(await saving).toBeInstanceOf(RuleError);
    expect((await readSiteSettings(test.db)).logoMediaId).not.toBe(image!.id);
  });

  it("has no logo until one is chosen", async () => {
    expect((await readPublicSiteSettings(test.db)).logo).toBeNull();
  });
});
