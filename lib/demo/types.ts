// Authoring types for the demo edition. Content files use these plain shapes; the seeder turns
// them into rows and into the structured story document (lib/stories/document.ts).

/** Scenes the hero-image generator (db/seed/scenes.ts) can draw. */
export const sceneNames = [
  "skyline",
  "capitol",
  "harbor",
  "mountains",
  "storm",
  "chart",
  "stadium",
  "courtroom",
  "laboratory",
  "forest",
  "classroom",
  "farm",
  "bridge",
  "train",
  "library",
  "concert",
  "satellite",
  "hospital",
  "desert",
  "wind-farm",
  "river",
  "market",
  "runway",
  "theater",
] as const;
export type SceneName = (typeof sceneNames)[number];

export interface SeedSection {
  /** URL segment, e.g. "us". */
  slug: string;
  name: string;
  description: string;
  /** Parent section path, e.g. "news"; absent for top-level sections. */
  parent?: string;
}

export interface SeedAuthor {
  slug: string;
  name: string;
  /** Job title shown with the byline, e.g. "Washington correspondent". */
  title: string;
  bio: string;
  /** Links elsewhere, fictional (example.org, example.com). */
  links: { label: string; url: string }[];
}

/** One block of a story body, written by hand. */
export type SeedBlock =
  | string // a paragraph of plain text
  | { h2: string }
  | { quote: string; cite?: string }
  | { list: string[]; ordered?: boolean }
  /** An inline "related story" link, set apart between paragraphs; slug of another seed story. */
  | { related: string };

export interface SeedStory {
  slug: string;
  /** Full section path, e.g. "news/us". */
  section: string;
  headline: string;
  /** One sentence under the headline. */
  deck: string;
  /** Author slugs, in byline order. */
  authors: string[];
  /** Tag names, e.g. "Elections". */
  tags: string[];
  /** ISO 8601 with offset, e.g. "2026-11-20T14:05:00Z". */
  publishedAt: string;
  /** Set when the story was updated after publication. */
  revisedAt?: string;
  hero: {
    scene: SceneName;
    alt: string;
    caption: string;
    credit: string;
  };
  body: SeedBlock[];
  /** Slugs of related stories, listed after the body. */
  related: string[];
}
