import { SiteFooter } from "@/components/site/site-footer";
import { SiteHeader } from "@/components/site/site-header";
import { env } from "@/lib/env";
import { getCachedSectionTree } from "@/lib/sections/cached";

export default async function SiteLayout({ children }: { children: React.ReactNode }) {
  const tree = await getCachedSectionTree();
  const { siteName } = env();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SiteHeader siteName={siteName} sections={tree.roots} />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <SiteFooter siteName={siteName} sections={tree.roots} />
    </>
  );
}
