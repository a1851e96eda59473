import { SiteLink } from "./site-link";
import { env } from "@/lib/env";
import { homeStructuredData } from "@/lib/seo/publisher";
import { sectionSubtreeIds, type SectionTree } from "@/lib/sections/queries";
import { listCachedStories } from "@/lib/stories/cached";
import { getCachedFrontPagePicks } from "@/lib/front-page/cached";
import { frontPageOrder } from "@/lib/front-page/order";
import { getSiteSettings } from "@/lib/settings/cached";
import { getCachedMostRead } from "@/lib/analytics/cached";
import { MostRead } from "./most-read";
import { JsonLd } from "./json-ld";
import { StoryCard } from "./story-card";

const LATEST_COUNT = 6;
const SECTION_BLOCK_COUNT = 4;

/**
 * The front page: the lead story, the latest stories, then a block for each top-level section.
 * Editors may pin the lead and up to four top stories (lib/front-page/pins.ts): the pinned top
 * stories open the "Latest" column, and the newest stories fill the rest.
 */
export async function HomeView({ tree }: { tree: SectionTree }) {
  const [picks, site, mostRead] = await Promise.all([getCachedFrontPagePicks(), getSiteSettings(), getCachedMostRead()]);
  const pinned = [...(picks.lead ? [picks.lead] : []), ...picks.top];
  const newest = await listCachedStories(null, null, LATEST_COUNT + 1, pinned.map((story) => story.id));
  const [lead, ...rest] = frontPageOrder(picks, newest.stories, LATEST_COUNT + 1);
  // Section blocks skip what the top of the page already shows.
  const shown = [lead, ...rest].flatMap((story) => (story ? [story.id] : []));
  const blocks = await Promise.all(
    tree.roots.map((section) => listCachedStories(sectionSubtreeIds(section), null, SECTION_BLOCK_COUNT, shown)),
  );
  const { siteUrl } = env();
  const structuredData = <JsonLd data={homeStructuredData(site.name, siteUrl, site.logo)} />;
  if (!lead) {
    return (
      <div className="page-narrow notice-page">
        {structuredData}
        <h1>No stories yet</h1>
        <p>Stories appear here as soon as the newsroom publishes them.</p>
      </div>
    );
  }
  return (
    <div className="home">
      {structuredData}
      <h1 className="visually-hidden">Front page</h1>
      <section className="home-top" aria-labelledby="lead-heading">
        <h2 id="lead-heading" className="visually-hidden">
          Top story
        </h2>
        <div className="home-lead">
          <StoryCard story={lead} variant="lead" headingLevel={3} showSection eager />
        </div>
        {rest.length > 0 && (
          <section className="home-latest" aria-labelledby="latest-heading">
            <h2 id="latest-heading" className="rule-heading">
              Latest
            </h2>
            {rest.map((story) => (
              <StoryCard key={story.id} story={story} variant="compact" showSection />
            ))}
          </section>
        )}
      </section>

      <MostRead stories={mostRead} />

      {tree.roots.map((section, index) => {
        const stories = blocks[index]?.stories ?? [];
        if (stories.length === 0) return null;
        return (
          <section key={section.id} className="home-section" aria-labelledby={`section-${section.id}`}>
            <h2 id={`section-${section.id}`} className="rule-heading">
              <SiteLink href={`/${section.path}`}>{section.name}</SiteLink>
            </h2>
            <div className="card-grid">
              {stories.map((story) => (
                <StoryCard key={story.id} story={story} />
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
