import { describe, expect, it } from "vitest";
import { auditLog, corrections, previewLinks, redirects, relatedStories, stories, storyAuthors, storyNotes, storyRevisions, storyTags, tags } from "@/db/schema";
import * as collection from "@/app/api/admin/stories/route";
import * as single from "@/app/api/admin/stories/[id]/route";
import * as workflow from "@/app/api/admin/stories/[id]/[action]/route";
import * as search from "@/app/api/admin/stories/search/route";
import * as revisions from "@/app/editor/(newsroom)/stories/[id]/revisions/actions";
import type { Role } from "@/lib/auth/users";
import { relatedStoryIds } from "@/lib/stories/document";
import { getStoryForEditing, findHeadlinesByIds } from "@/lib/stories/editor-queries";
import { getArticleForPreview } from "@/lib/stories/queries";
import { anyone, fc, hostileJson, hostileQuery, hostileString, mutated, mutatedForm, pathId, propertyOptions } from "./arbitraries";
import { actionAnswerOf, answerOf, describeInput, params, request } from "./testing";
import { signIn, world } from "./world";

// Every story route handler and the revisions action, sent hostile input: never a 500, nothing
// stored by a refused request, and every story the API accepted still opens in the editor and
// renders in a preview.

const tables = [stories, storyAuthors, storyTags, tags, relatedStories, storyRevisions, redirects, corrections, storyNotes, previewLinks, auditLog];
const words = fc.constantFrom("Plain words", "Ünïcödé — “quotes” 🙂", "a");

/** A valid story body with blocks of every kind. */
function validBody() {
  const { mediaId, publishedId } = world();
  const block = fc.oneof(
    fc.record({ type: fc.constant("paragraph"), content: fc.array(fc.record({ type: fc.constant("text"), text: words }), { maxLength: 2 }) }),
    fc.record({ type: fc.constant("heading"), attrs: fc.record({ level: fc.constantFrom(2, 3, 4) }), content: fc.constant([{ type: "text", text: "Heading" }]) }),
    fc.record({ type: fc.constant("image"), attrs: fc.record({ mediaId: fc.constant(mediaId), alt: words, caption: words, credit: words }) }),
    fc.record({ type: fc.constant("relatedStory"), attrs: fc.record({ storyId: fc.constant(publishedId) }) }),
    fc.record({ type: fc.constant("embed"), attrs: fc.record({ url: fc.constant("https://video.example/v/1"), title: words }) }),
    fc.record({ type: fc.constant("blockquote"), attrs: fc.record({ cite: words }), content: fc.constant([{ type: "paragraph", content: [{ type: "text", text: "Quoted." }] }]) }),
  );
  return fc.record({ type: fc.constant("doc"), content: fc.array(block, { maxLength: 4 }) });
}

/** A valid story, as the editor sends it. */
function validStory() {
  const { sectionId, authorId, mediaId, publishedId } = world();
  return fc.record({
    headline: fc.string({ minLength: 1, maxLength: 30 }).map((s) => `Story ${s}`),
    deck: words,
    sectionId: fc.constant(sectionId),
    tags: fc.array(words, { maxLength: 3 }),
    authorIds: fc.constant([authorId]),
    heroMediaId: fc.constantFrom(null, mediaId),
    heroAlt: words,
    heroCaption: words,
    heroCredit: words,
    body: validBody(),
    relatedIds: fc.constantFrom([], [publishedId]),
    seoTitle: words,
    seoDescription: words,
    commentsOpen: fc.boolean(),
  });
}

/** The review's findings, always tried first: a story that saves but for an id past PostgreSQL's integers. */
function pastIntegerIds(): [Role | null, Record<string, unknown>][] {
  const { sectionId, authorId } = world();
  const far = 2 ** 31;
  const story = (...blocks: unknown[]) => ({
    headline: `Far ${Math.random().toString(36).slice(2, 8)}`,
    sectionId,
    authorIds: [authorId],
    body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Words." }] }, ...blocks] },
  });
  return [
    ["writer", story({ type: "relatedStory", attrs: { storyId: far } })],
    ["writer", story({ type: "image", attrs: { mediaId: far, alt: "Too far" } })],
    ["editor", story({ type: "image", attrs: { mediaId: 1e21, alt: "Far too far" } })],
    ["editor", { ...story(), heroMediaId: far, heroAlt: "Hero" }],
    ["admin", { ...story(), relatedIds: [far] }],
  ];
}

/** What the editor and a preview do with a stored story: both must work for every story the API accepted. */
async function expectReadable(id: number) {
  const story = await getStoryForEditing(id);
  expect(story).not.toBeNull();
  await findHeadlinesByIds(relatedStoryIds(story!.body));
  await getArticleForPreview(id);
}

export function storyHandlerSuite() {
  describe("story route handlers, sent hostile input", () => {
    it("POST /api/admin/stories", async () => {
      const { db } = world();
      await fc.assert(
        fc.asyncProperty(anyone, mutated(validStory()), async (role, input) => {
          signIn(role);
          const call = () => collection.POST(request("POST", "/api/admin/stories", { json: input }), params({}));
          const response = await answerOf(db, tables, call, `${role} POST ${describeInput(input)}`);
          if (response.status === 201) await expectReadable((await response.json()).id);
        }),
        { ...propertyOptions, examples: pastIntegerIds() },
      );
    });

    it("GET and PATCH /api/admin/stories/:id", async () => {
      const { db, draftId, publishedId } = world();
      const CURRENT = "the story's current revision";
      const patch = mutated(validStory().map((story) => ({ ...story, baseRevision: CURRENT })));
      const withRevision = (change: unknown, revision: number) =>
        change && typeof change === "object" && (change as { baseRevision?: unknown }).baseRevision === CURRENT ? { ...change, baseRevision: revision } : change;
      await fc.assert(
        fc.asyncProperty(anyone, pathId(draftId, publishedId), patch, async (role, id, change) => {
          signIn(role);
          await answerOf(db, tables, () => single.GET(request("GET", `/api/admin/stories/${id}`), params({ id })), `${role} GET ${id}`);
          const revision = (await getStoryForEditing(draftId))!.revision;
          const input = withRevision(change, revision);
          const call = () => single.PATCH(request("PATCH", `/api/admin/stories/${id}`, { json: input }), params({ id }));
          const response = await answerOf(db, tables, call, `${role} PATCH ${id} ${describeInput(input)}`);
          if (response.ok) await expectReadable(Number(id));
        }),
        propertyOptions,
      );
    });

    it("POST /api/admin/stories/:id/:action", async () => {
      const { db, draftId, publishedId } = world();
      const action = fc.oneof(fc.constantFrom("publish", "unpublish", "submit", "schedule", "corrections", "send-back", "preview", "preview-revoke"), hostileString);
      const payload = fc.oneof(mutated({ at: new Date(Date.now() + 86_400_000).toISOString(), note: "A correction." }), hostileJson);
      await fc.assert(
        fc.asyncProperty(anyone, pathId(draftId, publishedId), action, payload, async (role, id, verb, input) => {
          signIn(role);
          const call = () => workflow.POST(request("POST", `/api/admin/stories/${id}/${verb}`, { json: input }), params({ id, action: verb }));
          await answerOf(db, tables, call, `${role} POST ${id}/${verb} ${describeInput(input)}`);
        }),
        {
          ...propertyOptions,
          // Times PostgreSQL cannot store (the year 275760 is JavaScript's last) were a 500.
          examples: [
            ["editor", String(draftId), "schedule", { at: "+275760-01-01T00:00:00Z" }],
            ["editor", String(draftId), "schedule", { at: 8e15 }],
          ],
        },
      );
    });

    it("GET /api/admin/stories/search", async () => {
      const { db } = world();
      await fc.assert(
        fc.asyncProperty(anyone, hostileQuery(["q", "exclude"]), async (role, query) => {
          signIn(role);
          await answerOf(db, tables, () => search.GET(request("GET", "/api/admin/stories/search", { query }), params({})), `search ${describeInput(query)}`);
        }),
        // The review's: an id past PostgreSQL's integers; the property's first find: a fraction.
        { ...propertyOptions, examples: [["editor", { q: "Headline", exclude: "4162245777405071" }], ["writer", { q: "x", exclude: ".1" }]] },
      );
    });

    it("restoreRevisionAction", async () => {
      const { db, draftId } = world();
      await fc.assert(
        fc.asyncProperty(anyone, mutatedForm({ storyId: String(draftId), revision: "1", baseRevision: "1" }), async (role, form) => {
          signIn(role);
          await actionAnswerOf(db, tables, () => revisions.restoreRevisionAction({}, form), `${role} restore ${describeInput(form)}`);
        }),
        propertyOptions,
      );
    });
  });
}
