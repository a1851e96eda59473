import { SiteLink } from "./site-link";
import type { SectionNode } from "@/lib/sections/queries";
import { SectionLinks } from "./section-links";

/** `demoNote`: the site carries the demo edition (lib/env.ts, seedsDemoStories), so the footer says it is fictional. */
export function SiteFooter({ siteName, sections, demoNote }: { siteName: string; sections: SectionNode[]; demoNote: boolean }) {
  return (
    <footer className="site-footer">
      <div className="footer-inner">
        <nav aria-label="Footer">
          <SectionLinks sections={sections} withSubsections className="footer-sections">
            <li>
              <SiteLink href="/live">Live</SiteLink>
              <ul>
                <li>
                  <SiteLink href="/live/audio">Audio Only</SiteLink>
                </li>
              </ul>
            </li>
          </SectionLinks>
        </nav>
        <p className="footer-note">
          © {siteName}.{demoNote && " Demo content is fictional and written for this project."}
        </p>
      </div>
    </footer>
  );
}
