import { count, eq, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import type { Tx } from "@/db/transaction";
import {
  authors,
  liveShows,
  liveStreams,
  media,
  relatedStories,
  sections,
  stories,
  storyAuthors,
  storyTags,
  tags,
} from "@/db/schema";
import { authorLinksSchema } from "@/lib/authors/links";
import { parseInput } from "@/lib/errors";
import { slugify } from "@/lib/format/slug";
import { mediaStore, newStorageKey } from "@/lib/media/storage";
import type { MediaStore } from "@/lib/media/store";
import { storyDocumentSchema, type StoryDocument } from "@/lib/stories/document";
import { refreshSearchVectors } from "@/lib/stories/search-vector";
import { seedAuthors } from "./content/authors";
import { createDemoAccounts } from "./demo-accounts";
import { seedSections } from "./content/sections";
import { seedStories } from "./content/stories";
import { livePosters, renderPosterJpeg } from "./live-posters";
import { renderSceneJpeg } from "./scenes";
import type { SeedBlock, SeedStory } from "./types";

// The demo edition: seeded into an empty database on first start, never into one with content;
// its accounts only when asked (a local site: scripts/lib/prepare-database.ts decides).

const SEED_LOCK = 7_361_002;

export type SeedResult = { seeded: false; reason: string } | { seeded: true; stories: number; sections: number };

export function buildDocument(blocks: SeedBlock[], storyIds: Map<string, number>): StoryDocument {
  const text = (value: string) => [{ type: "text" as const, text: value }];
  const content = blocks.map((block) => {
    if (typeof block === "string") return { type: "paragraph" as const, content: text(block) };
    if ("h2" in block) return { type: "heading" as const, attrs: { level: 2 as const }, content: text(block.h2) };
    if ("quote" in block) {
      return {
        type: "blockquote" as const,
        ...(block.cite ? { attrs: { cite: block.cite } } : {}),
        content: [{ type: "paragraph" as const, content: text(block.quote) }],
      };
    }
    if ("list" in block) {
      return {
        type: block.ordered ? ("orderedList" as const) : ("bulletList" as const),
        content: block.list.map((item) => ({
          type: "listItem" as const,
          content: [{ type: "paragraph" as const, content: text(item) }],
        })),
      };
    }
    const storyId = storyIds.get(block.related);
    if (storyId === undefined) throw new Error(`Related story "${block.related}" is not in the demo edition`);
    return { type: "relatedStory" as const, attrs: { storyId } };
  });
  return storyDocumentSchema.parse({ type: "doc", content });
}

async function isEmpty(handle: DbHandle): Promise<boolean> {
  const [storyCount] = await handle.db.select({ n: count() }).from(stories);
  const [sectionCount] = await handle.db.select({ n: count() }).from(sections);
  return (storyCount?.n ?? 0) === 0 && (sectionCount?.n ?? 0) === 0;
}

/**
 * Seeds the demo edition when the database has no sections and no stories; otherwise does
 * nothing. `accounts`: also the demo accounts, whose passwords are published (local sites only).
 */
export async function seedDemoEdition(
  handle: DbHandle,
  options: { store?: MediaStore; log?: (line: string) => void; accounts?: boolean } = {},
): Promise<SeedResult> {
  const log = options.log ?? (() => {});
  if (!(await isEmpty(handle))) return { seeded: false, reason: "the database already has content" };

  // Images first, outside the transaction: files without rows are harmless, rows without files not.
  const started = Date.now();
  const store = options.store ?? mediaStore();
  const heroes: { key: string; width: number; height: number; bytes: number }[] = [];
  for (const [index, story] of seedStories.entries()) {
    const image = await renderSceneJpeg(story.hero.scene, index);
    const key = newStorageKey("jpg", new Date(story.publishedAt));
    await store.put(key, image.data);
    heroes.push({ key, width: image.width, height: image.height, bytes: image.data.length });
  }
  const posters: Partial<Record<keyof typeof livePosters, Poster>> = {};
  for (const kind of ["video", "audio"] as const) {
    const image = await renderPosterJpeg(kind);
    const key = newStorageKey("jpg");
    await store.put(key, image.data);
    posters[kind] = { key, width: image.width, height: image.height, bytes: image.data.length };
  }
  log(`Drew ${heroes.length + 2} demo images in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const result = await handle.db.transaction(async (tx) => {
    // Instances starting together on one PostgreSQL server: only one seeds.
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const [existing] = await tx.select({ n: count() }).from(sections);
    if ((existing?.n ?? 0) > 0) return { seeded: false as const, reason: "another process seeded it" };

    const sectionIds = new Map<string, number>();
    for (const [index, section] of seedSections.entries()) {
      const path = section.parent ? `${section.parent}/${section.slug}` : section.slug;
      const parentId = section.parent ? sectionIds.get(section.parent) : null;
      if (parentId === undefined) throw new Error(`Section ${path} comes before its parent`);
      const [row] = await tx
        .insert(sections)
        .values({ slug: section.slug, path, name: section.name, description: section.description, parentId, sortOrder: index })
        .returning({ id: sections.id });
      sectionIds.set(path, row!.id);
    }

    const authorRows = await tx
      .insert(authors)
      .values(seedAuthors.map(({ slug, name, title, bio, links }) => ({ slug, name, title, bio, links: parseInput(authorLinksSchema, links) })))
      .returning({ id: authors.id, slug: authors.slug });
    const authorIds = new Map(authorRows.map((row) => [row.slug, row.id]));

    const tagNames = [...new Set(seedStories.flatMap((story) => story.tags))];
    const tagRows = await tx
      .insert(tags)
      .values(tagNames.map((name) => ({ name, slug: slugify(name) })))
      .returning({ id: tags.id, name: tags.name });
    const tagIds = new Map(tagRows.map((row) => [row.name, row.id]));

    const storyIds = new Map<string, number>();
    for (const [index, story] of seedStories.entries()) {
      const hero = heroes[index]!;
      const [mediaRow] = await tx
        .insert(media)
        .values({
          storageKey: hero.key,
          mimeType: "image/jpeg",
          width: hero.width,
          height: hero.height,
          bytes: hero.bytes,
          alt: story.hero.alt,
          caption: story.hero.caption,
          credit: story.hero.credit,
        })
        .returning({ id: media.id });
      const [storyRow] = await tx
        .insert(stories)
        .values(storyValues(story, sectionIds, mediaRow!.id))
        .returning({ id: stories.id });
      storyIds.set(story.slug, storyRow!.id);
    }

    for (const story of seedStories) {
      const id = storyIds.get(story.slug)!;
      await tx.update(stories).set({ body: buildDocument(story.body, storyIds) }).where(eq(stories.id, id));
      await tx.insert(storyAuthors).values(
        story.authors.map((slug, position) => {
          const authorId = authorIds.get(slug);
          if (authorId === undefined) throw new Error(`Unknown author ${slug} on ${story.slug}`);
          return { storyId: id, authorId, position };
        }),
      );
      await tx
        .insert(storyTags)
        .values(story.tags.map((name, position) => ({ storyId: id, tagId: tagIds.get(name)!, position })));
      if (story.related.length > 0) {
        await tx.insert(relatedStories).values(
          story.related.map((slug, position) => {
            const relatedId = storyIds.get(slug);
            if (relatedId === undefined) throw new Error(`Unknown related story ${slug} on ${story.slug}`);
            return { storyId: id, relatedId, position };
          }),
        );
      }
    }
    // Every story's bylines and tags are in: their search words, all at once.
    await refreshSearchVectors(tx, sql`true`);
    await seedLiveStreams(tx, posters as Record<keyof typeof livePosters, Poster>);
    return { seeded: true as const, stories: seedStories.length, sections: seedSections.length };
  });
  if (result.seeded && options.accounts) await createDemoAccounts(handle.db);
  return result;
}

type Poster = { key: string; width: number; height: number; bytes: number };

/** Days of programme the demo seeds: an old demo database still has a "now" and a "next". */
const DEMO_SCHEDULE_DAYS = 28;

/**
 * The demo streams, served by the app itself (public/live/demo, made by
 * scripts/generate-live-streams.sh), with their posters and a programme of two-hour shows for
 * the weeks ahead.
 */
async function seedLiveStreams(tx: Tx, posters: Record<keyof typeof livePosters, Poster>) {
  const posterId = async (kind: keyof typeof livePosters) => {
    const { key, width, height, bytes } = posters[kind];
    const { alt, caption } = livePosters[kind];
    const [row] = await tx
      .insert(media)
      .values({ storageKey: key, mimeType: "image/jpeg", width, height, bytes, alt, caption, credit: "Illustration: Meridian graphics desk" })
      .returning({ id: media.id });
    return row!.id;
  };
  const [video, audio] = await tx
    .insert(liveStreams)
    .values([
      { slug: "video", kind: "video", title: "Meridian Live", url: "/live/demo/video/index.m3u8", status: "on_air", posterMediaId: await posterId("video") },
      { slug: "audio", kind: "audio", title: "Meridian Radio", url: "/live/demo/audio/index.m3u8", status: "on_air", posterMediaId: await posterId("audio") },
    ])
    .returning({ id: liveStreams.id });
  const programmes: Record<number, [string, string][]> = {
    [video!.id]: [
      ["Morning Briefing", "The overnight news and the day ahead."],
      ["Midday Report", "Headlines from the U.S. and the world."],
      ["Markets Hour", "Rates, prices and the companies that move them."],
      ["Science Desk", "Research, health and climate, explained."],
      ["World Tonight", "Correspondents across the time zones."],
      ["Late Edition", "The day's stories, once more with context."],
    ],
    [audio!.id]: [
      ["News on the Hour", "Bulletins read by the duty editor."],
      ["The Long Read, Aloud", "One feature, read in full."],
      ["Weather and Roads", "Forecasts and travel for the morning commute."],
      ["Interview Hour", "One guest, one hour, no interruptions."],
    ],
  };
  const start = new Date();
  start.setUTCMinutes(0, 0, 0);
  start.setUTCHours(start.getUTCHours() - (start.getUTCHours() % 2) - 2);
  for (const [streamId, shows] of Object.entries(programmes)) {
    const rows = Array.from({ length: DEMO_SCHEDULE_DAYS * 12 }, (_, slot) => {
      const [title, description] = shows[slot % shows.length]!;
      const startsAt = new Date(start.getTime() + slot * 2 * 3600_000);
      return { streamId: Number(streamId), title, description, startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3600_000) };
    });
    await tx.insert(liveShows).values(rows);
  }
}

function storyValues(story: SeedStory, sectionIds: Map<string, number>, heroMediaId: number) {
  const sectionId = sectionIds.get(story.section);
  if (sectionId === undefined) throw new Error(`Unknown section ${story.section} on ${story.slug}`);
  return {
    slug: story.slug,
    sectionId,
    headline: story.headline,
    deck: story.deck,
    body: { type: "doc" as const, content: [] },
    heroMediaId,
    heroAlt: story.hero.alt,
    heroCaption: story.hero.caption,
    heroCredit: story.hero.credit,
    status: "published" as const,
    publishedAt: new Date(story.publishedAt),
    revisedAt: story.revisedAt ? new Date(story.revisedAt) : null,
    createdAt: new Date(story.publishedAt),
  };
}
