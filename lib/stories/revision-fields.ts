import { deletedName, wordSegments, type Segment, type StoryNames } from "./revision-diff";

// The fields of two revisions side by side, as an editor reads them: labels instead of keys, a
// section by its name, bylines by author names, related stories by headline, tags as chips added
// or removed, the hero image by its alt text and a thumbnail. Names are looked up by the caller
// (lib/stories/revisions.ts, a few batched queries); an id nothing answers to reads "(deleted … #12)".

export interface ImageRef {
  alt: string;
  /** A small stored copy; null when the image was deleted. */
  thumb: string | null;
}

export interface RevisionNames {
  sections: ReadonlyMap<number, string>;
  authors: ReadonlyMap<number, string>;
  stories: StoryNames;
  media: ReadonlyMap<number, ImageRef>;
}

export type FieldChange = { field: string; label: string } & (
  | { kind: "text"; segments: Segment[] }
  | { kind: "value"; before: string; after: string }
  | { kind: "list"; added: string[]; removed: string[] }
  | { kind: "image"; before: ImageRef | null; after: ImageRef | null }
);

type Snapshot = Record<string, unknown>;

const textOf = (value: unknown) => (typeof value === "string" ? value : "");
export const idOf = (value: unknown) => (typeof value === "number" && Number.isSafeInteger(value) ? value : null);
export const idsOf = (value: unknown) => (Array.isArray(value) ? value.flatMap((id) => idOf(id) ?? []) : []);
const textsOf = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : []);

const TEXT_FIELDS = [
  ["headline", "Headline"],
  ["deck", "Deck"],
  ["heroAlt", "Hero alt text"],
  ["heroCaption", "Hero caption"],
  ["heroCredit", "Hero credit"],
  ["seoTitle", "SEO title"],
  ["seoDescription", "SEO description"],
] as const;

function listChange(field: string, label: string, before: string[], after: string[]): FieldChange | null {
  if (before.join("\n") === after.join("\n")) return null;
  const added = after.filter((item) => !before.includes(item));
  const removed = before.filter((item) => !after.includes(item));
  // Only the order changed: the two orders say it.
  if (!added.length && !removed.length) return { field, label, kind: "value", before: before.join(", "), after: after.join(", ") };
  return { field, label, kind: "list", added, removed };
}

/** Each field that differs between two snapshots, in the order the story form shows them. */
export function fieldChanges(a: Snapshot, b: Snapshot, names: RevisionNames): FieldChange[] {
  const changes: (FieldChange | null)[] = [];
  const name = (map: ReadonlyMap<number, string>, what: string) => (id: number) => map.get(id) ?? deletedName(what, id);
  const text = (field: string, label: string) => {
    const [before, after] = [textOf(a[field]), textOf(b[field])];
    changes.push(before === after ? null : { field, label, kind: "text", segments: wordSegments(before, after) });
  };
  text(...TEXT_FIELDS[0]);
  text(...TEXT_FIELDS[1]);
  if (textOf(a.slug) !== textOf(b.slug)) changes.push({ field: "slug", label: "Slug", kind: "value", before: textOf(a.slug), after: textOf(b.slug) });
  const [sectionA, sectionB] = [idOf(a.sectionId), idOf(b.sectionId)];
  if (sectionA !== sectionB) {
    const section = (id: number | null) => (id === null ? "(none)" : name(names.sections, "section")(id));
    changes.push({ field: "sectionId", label: "Section", kind: "value", before: section(sectionA), after: section(sectionB) });
  }
  changes.push(listChange("authorIds", "Bylines", idsOf(a.authorIds).map(name(names.authors, "author")), idsOf(b.authorIds).map(name(names.authors, "author"))));
  changes.push(listChange("tags", "Tags", textsOf(a.tags), textsOf(b.tags)));
  changes.push(listChange("relatedIds", "Related stories", idsOf(a.relatedIds).map(name(names.stories, "story")), idsOf(b.relatedIds).map(name(names.stories, "story"))));
  const [heroA, heroB] = [idOf(a.heroMediaId), idOf(b.heroMediaId)];
  if (heroA !== heroB) {
    const image = (id: number | null) => (id === null ? null : (names.media.get(id) ?? { alt: deletedName("image", id), thumb: null }));
    changes.push({ field: "heroMediaId", label: "Hero image", kind: "image", before: image(heroA), after: image(heroB) });
  }
  for (const [field, label] of TEXT_FIELDS.slice(2)) text(field, label);
  // Snapshots from before comments could be closed have no such field: nothing to compare.
  if (typeof a.commentsOpen === "boolean" && typeof b.commentsOpen === "boolean" && a.commentsOpen !== b.commentsOpen) {
    const state = (open: boolean) => (open ? "Open" : "Closed");
    changes.push({ field: "commentsOpen", label: "Comments", kind: "value", before: state(a.commentsOpen), after: state(b.commentsOpen) });
  }
  return changes.filter((change): change is FieldChange => change !== null);
}
