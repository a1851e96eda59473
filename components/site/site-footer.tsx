import { SiteLink } from "./site-link";
import type { SectionNode } from "@/lib/sections/queries";
import { SectionLinks } from "./section-links";

export function SiteFooter({ siteName, sections }: { siteName: string; sections: SectionNode[] }) {
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
          © {siteName}. Demo content is fictional and written for this project.
        </p>
      </div>
    </footer>
  );
}
