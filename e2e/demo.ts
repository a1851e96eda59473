import { seedSections } from "@/lib/demo/content/sections";
import { seedStories } from "@/lib/demo/content/stories";
import type { SeedStory } from "@/lib/demo/types";

// What the specs expect, read from the demo edition itself rather than copied into the tests.

export const reference = seedStories[0]!;
export const storyPath = (story: SeedStory) => `/${story.section}/${story.slug}`;
export const bySlug = (slug: string) => {
  const story = seedStories.find((s) => s.slug === slug);
  if (!story) throw new Error(`No demo story ${slug}`);
  return story;
};

export const stories = seedStories;
export const topSections = seedSections.filter((s) => !s.parent);
export const newestFirst = (list: SeedStory[]) =>
  [...list].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
export const inSection = (path: string) =>
  seedStories.filter((s) => s.section === path || s.section.startsWith(`${path}/`));

/** "2026-11-27T09:30:00Z" → "27 November 2026" (the site's default time zone is UTC). */
export function printedDate(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(iso),
  );
}

/** "2026-11-27T09:30:00Z" → "27 November 2026, 09:30 UTC": the date and the time on the site's clock. */
export function printedDateTime(iso: string): string {
  const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" }).format(new Date(iso));
  return `${printedDate(iso)}, ${time} UTC`;
}
