import { count, gte, max, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sections, stories } from "@/db/schema";
import { seedSections } from "@/lib/demo/content/sections";
import { refreshSearchVectors } from "@/lib/stories/search-vector";

// The archive-scale seed behind `npm run db:seed-at-scale` (scripts/seed-at-scale.ts): many generated
// published stories by set-based SQL (INSERT … SELECT generate_series), so 100,000 take seconds.
// Every text is generated ("Scale story 12345"); ~200 tags and ~50 authors; each story has 1–3
// tags and 1–2 authors, and publication times spread evenly over ten years up to now, so the
// newest few dozen fall within the news sitemap's 48 hours and id order is publication order.
// With `comments`, each new story also gets about that many comments (set-based too: 1,000,000
// in well under a minute on PostgreSQL): four in five top-level, one in five a reply, one in 50
// pending (the moderation queue), the rest approved, written in the hours after the story.

export const SCALE_TAGS = 200;
export const SCALE_AUTHORS = 50;
const YEARS = 10;

interface ScaleOptions {
  stories: number;
  force: boolean;
  /** About how many comments each new story gets (0, the default: none). */
  comments?: number;
}

export async function seedAtScale(db: Db, options: ScaleOptions): Promise<void> {
  await db.transaction(async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(stories);
    if ((existing?.n ?? 0) > 0 && !options.force) {
      throw new Error(`The database already has ${existing!.n} stories; pass --force to add ${options.stories} more.`);
    }

    // Sections: the demo edition's, when there are none (parents come before their children).
    const [sectionCount] = await tx.select({ n: count() }).from(sections);
    if ((sectionCount?.n ?? 0) === 0) {
      for (const [index, section] of seedSections.entries()) {
        const path = section.parent ? `${section.parent}/${section.slug}` : section.slug;
        await tx.execute(sql`
          insert into sections (slug, path, name, description, parent_id, sort_order)
          values (${section.slug}, ${path}, ${section.name}, ${section.description},
                  (select id from sections where path = ${section.parent ?? null}), ${index})`);
      }
    }

    await tx.execute(sql`
      insert into tags (slug, name)
      select 'scale-tag-' || g, 'Scale tag ' || g from generate_series(1, ${SCALE_TAGS}) g
      on conflict (slug) do nothing`);
    await tx.execute(sql`
      insert into authors (slug, name, title)
      select 'scale-author-' || g, 'Scale Author ' || g, 'Staff writer' from generate_series(1, ${SCALE_AUTHORS}) g
      on conflict (slug) do nothing`);

    // Slugs continue from the highest id, so a --force run adds stories without clashing.
    const [base] = await tx.select({ n: max(stories.id) }).from(stories);
    const from = (base?.n ?? 0) + 1;
    const to = from + options.stories - 1;
    const step = sql`(interval '${sql.raw(String(YEARS))} years' / ${options.stories})`;
    await tx.execute(sql`
      with section_ids as (select array_agg(id order by id) as ids from sections)
      insert into stories (slug, section_id, headline, deck, body, status, published_at, revised_at, created_at, updated_at)
      select 'scale-story-' || g,
             s.ids[1 + g % cardinality(s.ids)],
             'Scale story ' || g,
             'A generated story for measuring at scale, number ' || g || '.',
             jsonb_build_object('type', 'doc', 'content', jsonb_build_array(
               jsonb_build_object('type', 'paragraph', 'content', jsonb_build_array(
                 jsonb_build_object('type', 'text', 'text', 'Scale story ' || g || ' is generated text, written for measuring at scale.'))),
               jsonb_build_object('type', 'paragraph', 'content', jsonb_build_array(
                 jsonb_build_object('type', 'text', 'text', 'Second paragraph of scale story ' || g || '.'))))),
             'published',
             p.at,
             case when g % 7 = 0 and p.at + interval '1 hour' < now() then p.at + interval '1 hour' end,
             p.at, p.at
      from generate_series(${from}::int, ${to}::int) g
      cross join section_ids s
      cross join lateral (select now() - (${to}::int - g) * ${step} - interval '1 minute' as at) p`);

    // 1–3 tags and 1–2 authors per story, picked by arithmetic on the id (distinct within a story).
    await tx.execute(sql`
      with tag_ids as (select array_agg(id order by id) as ids from tags where slug like 'scale-tag-%')
      insert into story_tags (story_id, tag_id, position)
      select st.id, t.ids[1 + (st.id * 7 + i * 37) % cardinality(t.ids)], i
      from stories st cross join tag_ids t cross join lateral generate_series(0, st.id % 3) i
      where st.id >= ${from}
      on conflict do nothing`);
    await tx.execute(sql`
      with author_ids as (select array_agg(id order by id) as ids from authors where slug like 'scale-author-%')
      insert into story_authors (story_id, author_id, position)
      select st.id, a.ids[1 + (st.id * 3 + i * 17) % cardinality(a.ids)], i
      from stories st cross join author_ids a cross join lateral generate_series(0, st.id % 2) i
      where st.id >= ${from}
      on conflict do nothing`);
    await refreshSearchVectors(tx, gte(stories.id, from));
    if (options.comments) await seedComments(tx, from, options.comments);
  });
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * About `perStory` comments on each story from id `from` on: 0.8 × perStory top-level ones
 * (varying by story, deterministic), then one reply to every fourth of them.
 */
async function seedComments(tx: Tx, from: number, perStory: number): Promise<void> {
  const topLevel = Math.max(1, Math.round(perStory * 0.8));
  // A count per story from about half to one and a half times topLevel, averaging topLevel.
  const spread = Math.floor(topLevel / 2);
  await tx.execute(sql`
    insert into comments (story_id, status, author_name, body, approved_at, created_at, updated_at)
    select st.id,
           (case when (st.id + i) % 50 = 0 then 'pending' else 'approved' end)::comment_status,
           'Reader ' || ((st.id * 13 + i * 7) % 5000),
           'Comment ' || i || ' on scale story ' || st.id || ', generated for measuring at scale.',
           case when (st.id + i) % 50 <> 0 then c.at end,
           c.at, c.at
    from stories st
    cross join lateral generate_series(1, ${topLevel - spread}::int + st.id % (${2 * spread}::int + 1)) i
    cross join lateral (select least(st.published_at + i * interval '17 minutes', now()) as at) c
    where st.id >= ${from}`);
  await tx.execute(sql`
    insert into comments (story_id, parent_id, status, author_name, body, approved_at, created_at, updated_at)
    select p.story_id, p.id, 'approved', 'Reader ' || (p.id % 5000),
           'A reply to comment ' || p.id || ', generated for measuring at scale.',
           r.at, r.at, r.at
    from comments p
    cross join lateral (select least(p.created_at + interval '5 minutes', now()) as at) r
    where p.story_id >= ${from} and p.parent_id is null and p.status = 'approved' and p.id % 4 = 0`);
}
