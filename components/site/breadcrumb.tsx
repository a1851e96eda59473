import { SiteLink } from "./site-link";
import { sectionTrail, type SectionTree } from "@/lib/sections/queries";

export interface Crumb {
  name: string;
  path: string;
}

/** The crumbs for a section and its ancestors, outermost first. */
export function sectionCrumbs(tree: SectionTree, sectionId: number): Crumb[] {
  return sectionTrail(tree, sectionId).map((section) => ({ name: section.name, path: `/${section.path}` }));
}

/** The section path (News > U.S.), every level a link; the current level is marked. */
export function Breadcrumb({ trail, currentIsLast = false }: { trail: Crumb[]; currentIsLast?: boolean }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <ol>
        {trail.map((crumb, index) => (
          <li key={crumb.path}>
            <SiteLink
              href={crumb.path}
              aria-current={currentIsLast && index === trail.length - 1 ? "page" : undefined}
            >
              {crumb.name}
            </SiteLink>
          </li>
        ))}
      </ol>
    </nav>
  );
}
