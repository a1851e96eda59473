import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, authors, liveStreams, media, stories } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createUser, type CurrentUser } from "@/lib/auth/users";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { asCurrent, createAuthor, createSection, createStory } from "@/lib/testing/fixtures";
import { readCrop } from "./crops";
import { deleteMedia } from "./delete";
import { uploadImage } from "./upload";
import { findMediaUses } from "./usage";
import { readPublicSiteSettings, updateSiteSettings } from "@/lib/settings/site";

let test: TestDatabase;
let editor: CurrentUser;
let writer: CurrentUser;
let otherWriter: CurrentUser;
let us: number;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-media-delete-"));

const picture = () => sharp({ create: { width: 1800, height: 1000, channels: 3, background: { r: 20, g: 90, b: 160 } } }).jpeg().toBuffer();
const upload = async (who: CurrentUser, alt = "Blue test card") => uploadImage(who, { bytes: await picture(), name: "card.jpg" }, { alt });
const filesOf = (src: string) => {
  const stem = path.basename(src).replace(/\.\w+$/, "");
  const folder = path.join(dataDir, "uploads", path.dirname(src.replace("/media/", "")));
  return fs.readdirSync(folder).filter((name) => name.startsWith(stem));
};

beforeAll(async () => {
  process.env.DATA_DIR = dataDir;
  test = await createTestDatabase();
  await createSection(test.db, "news", "News");
  us = await createSection(test.db, "news/us", "U.S.");
  const password = "a-long-test-password";
  editor = asCurrent(await createUser({ email: "editor@media.test", name: "Eddie Editor", role: "editor", password }));
  writer = asCurrent(await createUser({ email: "writer@media.test", name: "Wren Writer", role: "writer", password }));
  otherWriter = asCurrent(await createUser({ email: "other@media.test", name: "Otto Other", role: "writer", password }));
});

afterAll(async () => {
  await test.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("deleting an image", () => {
  it("refuses the site's logo, saying so, and lets it go once another logo is chosen", async () => {
    const admin = asCurrent(await createUser({ email: "admin@media.test", name: "Ada Admin", role: "admin", password: "a-long-test-password" }));
    const image = await upload(editor, "The Harbor Ledger's mark");
    await updateSiteSettings(admin, { logoMediaId: String(image.id) }, test.db);
    expect((await readPublicSiteSettings(test.db)).logo).toMatchObject({ id: image.id, src: image.src });
    expect(await findMediaUses(image.id, test.db)).toEqual([{ kind: "site", label: expect.any(String), role: "logo", href: "/editor/settings" }]);
    await expect(deleteMedia(editor, image.id)).rejects.toBeInstanceOf(ConflictError);
    await updateSiteSettings(admin, { logoMediaId: "" }, test.db);
    expect(await findMediaUses(image.id, test.db)).toEqual([]);
  });

  it("deletes an unused image's row and every file made from it, and audits it", async () => {
    const image = await upload(writer);
    await readCrop(image.src.replace("/media/", ""), "16x9");
    // The original, three WebP copies and the crop.
    expect(filesOf(image.src)).toHaveLength(5);
    await deleteMedia(writer, image.id);
    expect(await test.db.select().from(media).where(eq(media.id, image.id))).toEqual([]);
    expect(filesOf(image.src)).toEqual([]);
    const entries = await test.db.select().from(auditLog).where(and(eq(auditLog.action, "media.delete"), eq(auditLog.targetId, String(image.id))));
    expect(entries).toMatchObject([{ actorId: writer.id }]);
    await expect(deleteMedia(writer, image.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses with 409 and every place it is used: hero, body (also in the trash), author photo, stream poster", async () => {
    const image = await upload(editor, "Harbor at dawn");
    const hero = await createStory(test.db, { sectionId: us, headline: "Hero user", heroMediaId: image.id, heroAlt: "Harbor" });
    const inBody = await createStory(test.db, {
      sectionId: us,
      headline: "Body user",
      status: "draft",
      publishedAt: null,
      trashedAt: new Date(),
      body: { type: "doc", content: [{ type: "image", attrs: { mediaId: image.id, alt: "Harbor" } }] },
    });
    const authorId = await createAuthor(test.db, "Photo Person");
    await test.db.update(authors).set({ photoMediaId: image.id }).where(eq(authors.id, authorId));
    const [stream] = await test.db.insert(liveStreams).values({ slug: "tv", kind: "video", title: "Meridian TV", posterMediaId: image.id }).returning();

    const uses = await findMediaUses(image.id);
    expect(uses).toEqual([
      { kind: "story", label: "Hero user", role: "hero image", href: `/editor/stories/${hero.id}` },
      { kind: "story", label: "Body user", role: "in the body, in the trash", href: `/editor/stories/${inBody.id}` },
      { kind: "author", label: "Photo Person", role: "photo", href: expect.stringMatching(/^\/authors\/photo-person-/) },
      { kind: "stream", label: "Meridian TV", role: "poster", href: "/editor/live" },
    ]);
    const refusal = deleteMedia(editor, image.id).catch((error: unknown) => error);
    const error = (await refusal) as ConflictError;
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.status).toBe(409);
    expect(error.message).toContain("Used in: Hero user (hero image); Body user (in the body, in the trash)");
    expect(error.details).toEqual({ uses });
    expect(await test.db.select().from(media).where(eq(media.id, image.id))).toHaveLength(1);
    expect(filesOf(image.src).length).toBeGreaterThan(0);

    // Once nothing uses it, it goes.
    await test.db.update(stories).set({ heroMediaId: null }).where(eq(stories.id, hero.id));
    await test.db.delete(stories).where(eq(stories.id, inBody.id));
    await test.db.update(authors).set({ photoMediaId: null }).where(eq(authors.id, authorId));
    await test.db.update(liveStreams).set({ posterMediaId: null }).where(eq(liveStreams.id, stream!.id));
    expect(await findMediaUses(image.id)).toEqual([]);
    await deleteMedia(editor, image.id);
    expect(filesOf(image.src)).toEqual([]);
  });

  it("lets a writer delete only what they uploaded; editors delete anything unused", async () => {
    const image = await upload(writer);
    await expect(deleteMedia(otherWriter, image.id)).rejects.toBeInstanceOf(ForbiddenError);
    await deleteMedia(editor, image.id);
    expect(await test.db.select().from(media).where(eq(media.id, image.id))).toEqual([]);
  });
});
