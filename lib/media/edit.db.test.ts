import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { auditLog, authors, liveStreams, media } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createUser, type CurrentUser } from "@/lib/auth/users";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { asCurrent, createAuthor, createSection, createStory } from "@/lib/testing/fixtures";
import { updateMediaDetails } from "./edit";

// An image's alt text, caption and credit after upload: by the upload's rules, by whoever may
// change the image, audited, and every page that shows it refreshed.

const spies = vi.hoisted(() => ({ invalidate: vi.fn(), invalidateStory: vi.fn() }));
vi.mock("@/lib/cache/invalidate", () => spies);

let test: TestDatabase;
let editor: CurrentUser;
let writer: CurrentUser;
let otherWriter: CurrentUser;
let us: number;

async function image(uploadedBy: CurrentUser, alt = "Harbor at dawn") {
  const [row] = await test.db
    .insert(media)
    .values({ storageKey: `test/${crypto.randomUUID()}.jpg`, mimeType: "image/jpeg", width: 10, height: 10, bytes: 1, alt, caption: "Old caption", credit: "Photo: Old", uploadedById: uploadedBy.id })
    .returning();
  return row!.id;
}

const wordsOf = async (id: number) =>
  (await test.db.select({ alt: media.alt, caption: media.caption, credit: media.credit }).from(media).where(eq(media.id, id)))[0];

beforeAll(async () => {
  test = await createTestDatabase();
  await createSection(test.db, "news", "News");
  us = await createSection(test.db, "news/us", "U.S.");
  const password = "a-long-test-password";
  editor = asCurrent(await createUser({ email: "editor@edit.test", name: "Eddie Editor", role: "editor", password }));
  writer = asCurrent(await createUser({ email: "writer@edit.test", name: "Wren Writer", role: "writer", password }));
  otherWriter = asCurrent(await createUser({ email: "other@edit.test", name: "Otto Other", role: "writer", password }));
});
afterAll(() => test.dispose());
beforeEach(() => spies.invalidate.mockClear());

describe("updateMediaDetails", () => {
  it("saves the trimmed words, writes the audit log, and refreshes the stories, author pages and live pages that show the image", async () => {
    const id = await image(writer);
    const hero = await createStory(test.db, { sectionId: us, headline: "Hero of the edit", heroMediaId: id, heroAlt: "Harbor" });
    const authorId = await createAuthor(test.db, "Portrait Person");
    await test.db.update(authors).set({ photoMediaId: id }).where(eq(authors.id, authorId));
    await test.db.insert(liveStreams).values({ slug: "edit-tv", kind: "video", title: "Edit TV", posterMediaId: id });

    const saved = await updateMediaDetails({ ...editor, ip: "192.0.2.7" }, id, { alt: "  Boats in the harbor at dawn ", caption: "The quay at six.", credit: "Photo: Ada Lind" });
    expect(saved).toEqual({ alt: "Boats in the harbor at dawn", caption: "The quay at six.", credit: "Photo: Ada Lind" });
    expect(await wordsOf(id)).toEqual(saved);
    const [entry] = await test.db.select().from(auditLog).where(and(eq(auditLog.action, "media.update"), eq(auditLog.targetId, String(id))));
    expect(entry).toMatchObject({ actorId: editor.id, ip: "192.0.2.7", details: { from: { alt: "Harbor at dawn", caption: "Old caption", credit: "Photo: Old" }, to: saved } });

    const calls = spies.invalidate.mock.calls.map(([call]) => call as { tags?: string[]; paths?: string[] });
    expect(calls.flatMap((call) => call.tags ?? [])).toEqual(expect.arrayContaining(["story-lists", `story:${hero.id}`, "live"]));
    const [slug] = (await test.db.select({ slug: authors.slug }).from(authors).where(eq(authors.id, authorId))).map((row) => row.slug);
    expect(calls.flatMap((call) => call.paths ?? [])).toEqual(expect.arrayContaining([`/authors/${slug}`, `/authors/${slug}/feed.xml`, "/live"]));
  });

  it("keeps a field left out, and refreshes nothing for an image nothing shows", async () => {
    const id = await image(writer);
    await updateMediaDetails(writer, id, { alt: "Still unused" });
    expect(await wordsOf(id)).toEqual({ alt: "Still unused", caption: "Old caption", credit: "Photo: Old" });
    await updateMediaDetails(writer, id, { caption: "" });
    expect(await wordsOf(id)).toEqual({ alt: "Still unused", caption: "", credit: "Photo: Old" });
    expect(spies.invalidate).not.toHaveBeenCalled();
  });

  it("lets the uploader and editors change an image, no other writer", async () => {
    const id = await image(writer);
    await updateMediaDetails(writer, id, { alt: "By its uploader" });
    const refusal = await updateMediaDetails(otherWriter, id, { alt: "By someone else" }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ForbiddenError);
    expect(await wordsOf(id)).toMatchObject({ alt: "By its uploader" });
  });

  it("refuses missing alt text and over-long words next to their fields, changing nothing, and an unknown image with 404", async () => {
    const id = await image(writer);
    for (const [sent, field] of [
      [{ alt: "   " }, "alt"],
      [{ alt: "Fine", caption: "c".repeat(501) }, "caption"],
      [{ alt: "Fine", credit: "c".repeat(201) }, "credit"],
      [{ alt: ["an", "array"] }, "alt"],
    ] as const) {
      const error = (await updateMediaDetails(editor, id, sent).catch((e: unknown) => e)) as ValidationError;
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.status).toBe(422);
      expect(Object.keys(error.fieldErrors ?? {})).toEqual([field]);
    }
    for (const sent of [null, "alt", ["alt"]]) {
      expect(await updateMediaDetails(editor, id, sent).catch((e: unknown) => e)).toBeInstanceOf(ValidationError);
    }
    expect(await wordsOf(id)).toEqual({ alt: "Harbor at dawn", caption: "Old caption", credit: "Photo: Old" });
    expect(await updateMediaDetails(editor, 2_000_000_000, { alt: "Nothing" }).catch((e: unknown) => e)).toBeInstanceOf(NotFoundError);
  });
});
