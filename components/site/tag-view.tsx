import { env } from "@/lib/env";
import { getSiteSettings } from "@/lib/settings/cached";
import { absoluteUrl, tagPath } from "@/lib/routing/public-urls";
import type { StoryPage } from "@/lib/stories/queries";
import type { PublicTag } from "@/lib/tags/queries";
import { Breadcrumb, type Crumb } from "./breadcrumb";
import { breadcrumbListData, JsonLd } from "./json-ld";
import { PagedStories } from "./paged-stories";

/** Home, then the tag: the trail of a tag page, for the reader and for search engines. */
function tagCrumbs(tag: PublicTag): Crumb[] {
  return [
    { name: "Home", path: "/" },
    { name: tag.name, path: tagPath(tag.slug) },
  ];
}

/** A tag's page: its name and its published stories, newest first, paginated like a section. */
export async function TagView({ tag, page, before }: { tag: PublicTag; page: StoryPage; before: number | null }) {
  const trail = tagCrumbs(tag);
  const { siteUrl } = env();
  const { name: siteName } = await getSiteSettings();
  const collection = {
    "@context": "https://schema.org",
    "@type": "CollectionPage",
    name: tag.name,
    url: absoluteUrl(tagPath(tag.slug), siteUrl),
    isPartOf: { "@type": "WebSite", name: siteName, url: siteUrl },
  };
  return (
    <div className="section-page topic-page">
      <JsonLd data={[collection, breadcrumbListData(trail, siteUrl)]} />
      <header className="section-header">
        <Breadcrumb trail={trail} currentIsLast />
        <p className="kicker">Topic</p>
        <h1>{tag.name}</h1>
      </header>
      <PagedStories page={page} path={tagPath(tag.slug)} before={before} emptyText={`No stories about ${tag.name} yet.`} />
    </div>
  );
}
