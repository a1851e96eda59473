import Link from "next/link";
import { olderPageHref } from "@/lib/http/search-params";
import { sectionSubtreeIds, type SectionNode, type SectionTree } from "@/lib/sections/queries";
import { listCachedStories } from "@/lib/stories/cached";
import { Breadcrumb, sectionCrumbs } from "./breadcrumb";
import { SectionLinks } from "./section-links";
import { StoryCard } from "./story-card";

export const SECTION_PAGE_SIZE = 10;

/** A section front: its stories newest first, paginated by keyset (?before=<last story id>, checked by resolvePublicPath). */
export async function SectionView({
  tree,
  section,
  before,
}: {
  tree: SectionTree;
  section: SectionNode;
  before: number | null;
}) {
  const page = await listCachedStories(sectionSubtreeIds(section), before, SECTION_PAGE_SIZE);
  const trail = sectionCrumbs(tree, section.id);
  const [first, ...rest] = page.stories;

  return (
    <div className="section-page">
      <header className="section-header">
        <Breadcrumb trail={trail} currentIsLast />
        <h1>{section.name}</h1>
        {section.description && <p className="section-description">{section.description}</p>}
        {section.children.length > 0 && (
          <nav aria-label={`In ${section.name}`} className="subsections">
            <SectionLinks sections={section.children} />
          </nav>
        )}
      </header>

      {before !== null && <p className="page-note">Older stories</p>}
      {first ? (
        <div className="section-stories">
          <StoryCard story={first} variant={before === null ? "lead" : "standard"} headingLevel={2} eager />
          <div className="card-list">
            {rest.map((story) => (
              <StoryCard key={story.id} story={story} headingLevel={2} />
            ))}
          </div>
        </div>
      ) : (
        <p className="empty">No stories in {section.name} yet.</p>
      )}

      {(page.nextCursor !== null || before !== null) && (
        <nav aria-label="Pages" className="pagination">
          {before !== null && (
            <Link href={`/${section.path}`} rel="first">
              Latest stories
            </Link>
          )}
          {page.nextCursor !== null && (
            <Link href={olderPageHref(`/${section.path}`, {}, page.nextCursor)} rel="next">
              Older stories
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
