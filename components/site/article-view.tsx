import Image from "next/image";
import { SiteLink } from "./site-link";
import { wasUpdated } from "@/lib/format/dates";
import { authorPath, tagPath } from "@/lib/routing/public-urls";
import type { Article, StorySummary } from "@/lib/stories/queries";
import { Breadcrumb, type Crumb } from "./breadcrumb";
import { CommentsSection } from "./comments-section";
import { MostRead } from "./most-read";
import { PublishedDate } from "./published-date";
import { ShareLinks } from "./share-links";
import { StoryBody } from "./story-body";
import { StoryCard } from "./story-card";

/** The article page, top to bottom as the reference page lays it out (DESIGN.md). */
export function ArticleView({
  article,
  trail,
  canonicalUrl,
  mostRead = [],
}: {
  article: Article;
  trail: Crumb[];
  canonicalUrl: string;
  /** The site's most read stories (the article itself is left out of them here). */
  mostRead?: StorySummary[];
}) {
  return (
    <article className="article">
      <header className="article-header">
        <ShareLinks url={canonicalUrl} headline={article.headline} />
        <Breadcrumb trail={trail} />
        <h1 className="headline">{article.headline}</h1>
        {article.deck && <p className="deck">{article.deck}</p>}
      </header>

      <HeroFigure article={article} />
      <ArticleMeta article={article} />

      <StoryBody doc={article.body} related={article.inlineRelated} media={article.bodyMedia} />

      <Corrections corrections={article.corrections} />

      {article.tags.length > 0 && (
        <p className="topics">
          <span className="topics-label">Topics:</span>{" "}
          {article.tags.map((tag, index) => (
            <span key={tag.slug}>
              {index > 0 && ", "}
              <SiteLink href={tagPath(tag.slug)}>{tag.name}</SiteLink>
            </span>
          ))}
        </p>
      )}

      <RelatedStories stories={article.related} />

      <MostRead stories={mostRead.filter((story) => story.id !== article.id)} />

      <CommentsSection storyId={article.id} count={article.commentCount} thread={article.thread} open={article.commentsOpen} />
    </article>
  );
}

/** The photo at the top, with its caption and credit line. */
function HeroFigure({ article }: { article: Article }) {
  if (!article.image) return null;
  return (
    <figure className="hero">
      <Image
        src={article.image.src}
        width={article.image.width}
        height={article.image.height}
        alt={article.image.alt}
        sizes="(min-width: 1100px) 1040px, 100vw"
        quality={75}
        preload
        fetchPriority="high"
      />
      {(article.heroCaption || article.heroCredit) && (
        <figcaption>
          {article.heroCaption && <span className="caption">{article.heroCaption}</span>}{" "}
          {article.heroCredit && <span className="credit">{article.heroCredit}</span>}
        </figcaption>
      )}
    </figure>
  );
}

/**
 * Bylines ("By A, B and C"), the published date and time and, when readers were shown a change
 * since (an edit they can see, lib/stories/reader-changes.ts, or a correction), the updated time.
 */
function ArticleMeta({ article }: { article: Article }) {
  const updated = wasUpdated(article.publishedAt, article.revisedAt);
  return (
    <div className="article-meta">
      {article.bylines.length > 0 && (
        <p className="byline">
          By{" "}
          {article.bylines.map((byline, index) => (
            <span key={byline.slug}>
              {index > 0 && (index === article.bylines.length - 1 ? " and " : ", ")}
              <SiteLink className="byline-name" href={authorPath(byline.slug)}>
                {byline.name}
              </SiteLink>
            </span>
          ))}
        </p>
      )}
      <p className="dateline">
        <PublishedDate iso={article.publishedAt} label="Published" withTime />
        {updated && article.revisedAt && (
          <>
            <span aria-hidden="true"> · </span>
            <PublishedDate iso={article.revisedAt} label="Updated" withTime />
          </>
        )}
      </p>
    </div>
  );
}

function Corrections({ corrections }: { corrections: Article["corrections"] }) {
  if (corrections.length === 0) return null;
  return (
    <section className="corrections" aria-labelledby="corrections-heading">
      <h2 id="corrections-heading">Corrections</h2>
      <ul>
        {corrections.map((correction) => (
          <li key={correction.createdAt}>
            <PublishedDate iso={correction.createdAt} withTime />: {correction.note}
          </li>
        ))}
      </ul>
    </section>
  );
}

function RelatedStories({ stories }: { stories: Article["related"] }) {
  if (stories.length === 0) return null;
  return (
    <section className="related" aria-labelledby="related-heading">
      <h2 id="related-heading">Related stories</h2>
      <div className="related-list">
        {stories.map((story) => (
          <StoryCard key={story.id} story={story} variant="compact" />
        ))}
      </div>
    </section>
  );
}
