import Link from "next/link";
import type { SectionNode } from "@/lib/sections/queries";

export function SiteFooter({ siteName, sections }: { siteName: string; sections: SectionNode[] }) {
  return (
    <footer className="site-footer">
      <div className="footer-inner">
        <nav aria-label="Footer">
          <ul className="footer-sections">
            {sections.map((section) => (
              <li key={section.id}>
                <Link href={`/${section.path}`}>{section.name}</Link>
                {section.children.length > 0 && (
                  <ul>
                    {section.children.map((child) => (
                      <li key={child.id}>
                        <Link href={`/${child.path}`}>{child.name}</Link>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
            <li>
              <Link href="/live">Live</Link>
              <ul>
                <li>
                  <Link href="/live/audio">Audio Only</Link>
                </li>
              </ul>
            </li>
          </ul>
        </nav>
        <p className="footer-note">
          © {siteName}. Demo content is fictional and written for this project.
        </p>
      </div>
    </footer>
  );
}
