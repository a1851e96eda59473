import { mediaUrl } from "@/lib/media/urls";
import type { StoryDocument } from "@/lib/stories/document";
import type { StoryStatus } from "@/lib/stories/editor-queries";
import { toEditorDocument } from "@/lib/stories/tiptap";
import { documentText, type EditorStory, type SetAsideText, type StoryDraft } from "./story-draft";

// When someone else saved first (409): their version as the editor holds a story, and the two
// versions side by side, field by field, without React. The headline, deck and body are always
// compared; every other field only when the two differ.

/** The story as GET /api/admin/stories/:id answers it (the fields the editor uses). */
export interface StoryAnswer {
  id: number;
  revision: number;
  status: StoryStatus;
  headline: string;
  deck: string;
  slug: string;
  sectionId: number;
  tags: string[];
  authorIds: number[];
  heroMediaId: number | null;
  heroKey: string | null;
  heroAlt: string;
  heroCaption: string;
  heroCredit: string;
  body: StoryDocument;
  related: { id: number; headline: string }[];
  seoTitle: string;
  seoDescription: string;
  commentsOpen: boolean;
  publicPath: string;
  scheduledAt: string | null;
}

type Node = { type?: string; attrs?: Record<string, unknown>; content?: unknown[] };

/** Headlines of related-story blocks the editor already shows, so their version's blocks show them too. */
function knownHeadlines(body: unknown): Map<number, string> {
  const blocks = ((body as Node | null)?.content ?? []) as Node[];
  return new Map(
    blocks.filter((node) => node.type === "relatedStory" && node.attrs?.headline).map((node) => [Number(node.attrs!.storyId), String(node.attrs!.headline)]),
  );
}

/** Their version, as the editor opens a story; `mineBody` lends the headlines of related stories. */
export function editorStoryOf(answer: StoryAnswer, mineBody: unknown): EditorStory {
  return {
    id: answer.id,
    revision: answer.revision,
    status: answer.status,
    headline: answer.headline,
    deck: answer.deck,
    slug: answer.slug,
    sectionId: answer.sectionId,
    tags: answer.tags,
    authorIds: answer.authorIds,
    hero:
      answer.heroMediaId && answer.heroKey
        ? { id: answer.heroMediaId, src: mediaUrl(answer.heroKey), alt: answer.heroAlt, caption: answer.heroCaption, credit: answer.heroCredit }
        : null,
    heroAlt: answer.heroAlt,
    heroCaption: answer.heroCaption,
    heroCredit: answer.heroCredit,
    body: toEditorDocument(answer.body, knownHeadlines(mineBody)),
    related: answer.related,
    seoTitle: answer.seoTitle,
    seoDescription: answer.seoDescription,
    commentsOpen: answer.commentsOpen,
    publicPath: answer.publicPath,
    scheduledAt: answer.scheduledAt,
  };
}

/** The body as paragraphs of plain text, one per block. */
export function paragraphsOf(body: unknown): string[] {
  const blocks = ((body as Node | null)?.content ?? []) as Node[];
  return blocks.map((block) => (block.type === "relatedStory" ? `Related story #${String(block.attrs?.storyId)}` : documentText(block))).filter((text) => text.trim());
}

/** The person's own words, to keep beside their version once they take it. */
export const setAsideOf = (draft: StoryDraft, body: unknown): SetAsideText => ({ headline: draft.story.headline, deck: draft.story.deck, paragraphs: paragraphsOf(body) });

export interface ComparedField {
  label: string;
  theirs: string[];
  mine: string[];
  differs: boolean;
}

type Names = { sections: Map<number, string>; authors: Map<number, string> };

/** Each compared field as lines of text; the tags as the person typed them. */
function fieldsOf(story: EditorStory, tags: string[], body: unknown, names: Names): [string, string[], boolean][] {
  const line = (text: string) => (text.trim() ? [text] : []);
  return [
    ["Headline", line(story.headline), true],
    ["Deck", line(story.deck), true],
    ["Body", paragraphsOf(body), true],
    ["Slug", line(story.slug), false],
    ["Section", line(story.sectionId === null ? "" : (names.sections.get(story.sectionId) ?? `#${story.sectionId}`)), false],
    ["Tags", line(tags.join(", ")), false],
    ["Bylines", story.authorIds.map((id) => names.authors.get(id) ?? `#${id}`), false],
    ["Hero image", line(story.hero ? `${story.heroAlt} (image #${story.hero.id})` : ""), false],
    ["Hero caption", line(story.heroCaption), false],
    ["Hero credit", line(story.heroCredit), false],
    ["Related stories", story.related.map((related) => related.headline), false],
    ["SEO title", line(story.seoTitle), false],
    ["SEO description", line(story.seoDescription), false],
    ["Comments", [story.commentsOpen ? "Open" : "Closed"], false],
  ];
}

/** Their version beside the draft: the always-shown fields, then every other one that differs. */
export function compareVersions(theirs: EditorStory, draft: StoryDraft, mineBody: unknown, names: Names): ComparedField[] {
  const mineTags = draft.tagsText
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);
  const theirFields = fieldsOf(theirs, theirs.tags, theirs.body, names);
  const myFields = fieldsOf(draft.story, mineTags, mineBody, names);
  return theirFields.flatMap(([label, theirLines, always], index) => {
    const mine = myFields[index]![1];
    const differs = JSON.stringify(theirLines) !== JSON.stringify(mine);
    return always || differs ? [{ label, theirs: theirLines, mine, differs }] : [];
  });
}
