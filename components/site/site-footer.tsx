import Link from "next/link";
import type { SectionNode } from "@/lib/sections/queries";
import { SectionLinks } from "./section-links";

export function SiteFooter({ siteName, sections }: { siteName: string; sections: SectionNode[] }) {
  return (
    <footer className="site-footer">
      <div className="footer-inner">
        <nav aria-label="Footer">
          <SectionLinks sections={sections} withSubsections className="footer-sections">
            <li>
              <Link href="/live">Live</Link>
              <ul>
                <li>
                  <Link href="/live/audio">Audio Only</Link>
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
