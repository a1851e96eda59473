import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { ArticleView } from "@/components/site/article-view";
import { sectionCrumbs } from "@/components/site/breadcrumb";
import { env } from "@/lib/env";
import { getCachedSectionTree } from "@/lib/sections/cached";
import { resolvePreviewToken } from "@/lib/stories/previews";
import { getArticleForPreview } from "@/lib/stories/queries";

// GET /preview/<token> – a private, unlisted preview of an unpublished story. Rendered per
// request and never cached (private, no-store); noindex for robots too.

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Preview", robots: { index: false, follow: false, nocache: true } };

export default async function PreviewPage({ params }: { params: Promise<{ token: string }> }) {
  const target = await resolvePreviewToken((await params).token);
  if (target.kind === "invalid") notFound();
  if (target.kind === "published") redirect(target.path);
  const [article, tree] = await Promise.all([getArticleForPreview(target.storyId), getCachedSectionTree()]);
  if (!article) notFound();
  const trail = sectionCrumbs(tree, article.sectionId);
  return (
    <>
      <p className="preview-banner" role="status">
        Preview: this story is not published. Do not share this link publicly.
      </p>
      <ArticleView article={article} trail={trail} canonicalUrl={`${env().siteUrl}${article.path}`} />
    </>
  );
}
