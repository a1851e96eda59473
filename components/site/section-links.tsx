import { SiteLink } from "./site-link";
import type { SectionNode } from "@/lib/sections/queries";

// The list of section links that the masthead, the footer and a section front's subsections all
// show: one place decides how a section is linked. Each caller keeps its own <nav> and its label.

export function SectionLinks({
  sections,
  withSubsections = false,
  className,
  children,
}: {
  sections: SectionNode[];
  /** Each section's subsections as a list under it (one level down). */
  withSubsections?: boolean;
  className?: string;
  /** More items after the sections. */
  children?: React.ReactNode;
}) {
  return (
    <ul className={className}>
      {sections.map((section) => (
        <li key={section.id}>
          <SiteLink href={`/${section.path}`}>{section.name}</SiteLink>
          {withSubsections && section.children.length > 0 && <SectionLinks sections={section.children} />}
        </li>
      ))}
      {children}
    </ul>
  );
}
