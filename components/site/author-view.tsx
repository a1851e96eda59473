import Image from "next/image";
import type { PublicAuthor } from "@/lib/authors/queries";
import { env } from "@/lib/env";
import { absoluteUrl, authorPath } from "@/lib/routing/public-urls";
import type { StoryPage } from "@/lib/stories/queries";
import { Breadcrumb, type Crumb } from "./breadcrumb";
import { breadcrumbListData, JsonLd } from "./json-ld";
import { PagedStories } from "./paged-stories";

/** Home, then the author: the trail of an author page, for the reader and for search engines. */
function authorCrumbs(author: PublicAuthor): Crumb[] {
  return [
    { name: "Home", path: "/" },
    { name: author.name, path: authorPath(author.slug) },
  ];
}

/** ProfilePage with the author as its Person: what search engines read about a byline. */
function profileData(author: PublicAuthor, siteUrl: string) {
  return {
    "@context": "https://schema.org",
    "@type": "ProfilePage",
    url: absoluteUrl(authorPath(author.slug), siteUrl),
    mainEntity: {
      "@type": "Person",
      name: author.name,
      url: absoluteUrl(authorPath(author.slug), siteUrl),
      image: author.photo ? absoluteUrl(author.photo.src, siteUrl) : undefined,
      jobTitle: author.title || undefined,
      description: author.bio || undefined,
      sameAs: author.links.map((link) => link.url),
    },
  };
}

/** An author's page: who they are, their links, and their published stories, newest first. */
export function AuthorView({ author, page, before }: { author: PublicAuthor; page: StoryPage; before: number | null }) {
  const trail = authorCrumbs(author);
  const { siteUrl } = env();
  return (
    <div className="section-page author-page">
      <JsonLd data={[profileData(author, siteUrl), breadcrumbListData(trail, siteUrl)]} />
      <header className="section-header author-header">
        <Breadcrumb trail={trail} currentIsLast />
        {author.photo && (
          <Image
            className="author-photo"
            src={author.photo.src}
            width={author.photo.width}
            height={author.photo.height}
            alt={author.photo.alt}
            sizes="8rem"
            quality={75}
          />
        )}
        <h1>{author.name}</h1>
        {author.title && <p className="author-title">{author.title}</p>}
        {author.bio && <p className="section-description author-bio">{author.bio}</p>}
        {author.links.length > 0 && (
          <ul className="author-links" aria-label={`${author.name} elsewhere`}>
            {author.links.map((link) => (
              <li key={link.url}>
                <a href={link.url} rel="me noopener">
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        )}
      </header>
      <PagedStories page={page} path={authorPath(author.slug)} before={before} emptyText={`No stories by ${author.name} yet.`} />
    </div>
  );
}
