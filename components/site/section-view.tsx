import { env } from "@/lib/env";
import { sectionSubtreeIds, type SectionNode, type SectionTree } from "@/lib/sections/queries";
import { listCachedStories } from "@/lib/stories/cached";
import { Breadcrumb, sectionCrumbs } from "./breadcrumb";
import { breadcrumbListData, JsonLd } from "./json-ld";
import { PagedStories } from "./paged-stories";
import { SectionLinks } from "./section-links";

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

  return (
    <div className="section-page">
      <JsonLd data={breadcrumbListData(trail, env().siteUrl)} />
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

      <PagedStories page={page} path={`/${section.path}`} before={before} emptyText={`No stories in ${section.name} yet.`} />
    </div>
  );
}
