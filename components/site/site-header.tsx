import Image from "next/image";
import { SiteLink } from "./site-link";
import { LiveLinks } from "./live-links";
import type { SectionNode } from "@/lib/sections/queries";
import { Logo } from "./logo";
import { SearchBox } from "./search-box";
import { SectionLinks } from "./section-links";

export function SiteHeader({
  siteName,
  logo = null,
  sections,
}: {
  siteName: string;
  /** A logo chosen under Settings, in place of the mark (the name still sits beside it). */
  logo?: { src: string; width: number; height: number } | null;
  sections: SectionNode[];
}) {
  return (
    <header className="masthead">
      <div className="masthead-top">
        <SearchBox />
        <LiveLinks />
      </div>
      <div className="brand">
        <SiteLink href="/" className="brand-link">
          {logo ? (
            <Image className="brand-logo" src={logo.src} width={logo.width} height={logo.height} alt="" sizes="48px" priority />
          ) : (
            <Logo className="brand-logo" />
          )}
          <span className="brand-name">{siteName}</span>
        </SiteLink>
      </div>
      <nav aria-label="Sections" className="section-nav">
        <SectionLinks sections={sections} />
      </nav>
    </header>
  );
}
