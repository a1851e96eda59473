import Image from "next/image";
import { SiteLink } from "./site-link";
import type { StorySummary } from "@/lib/stories/queries";
import { PublishedDate } from "./published-date";

type Variant = "lead" | "standard" | "compact";

const imageSizes: Record<Variant, string> = {
  lead: "(min-width: 1100px) 720px, (min-width: 760px) 66vw, 100vw",
  standard: "(min-width: 1100px) 320px, (min-width: 760px) 30vw, 100vw",
  compact: "160px",
};

/** A story in a list: image, headline, deck and date. */
export function StoryCard({
  story,
  variant = "standard",
  headingLevel = 3,
  showSection = false,
  eager = false,
}: {
  story: StorySummary;
  variant?: Variant;
  headingLevel?: 2 | 3;
  showSection?: boolean;
  eager?: boolean;
}) {
  const Heading = `h${headingLevel}` as "h2" | "h3";
  return (
    <article className={`card card-${variant}`}>
      {story.image && (
        <SiteLink href={story.path} className="card-image" tabIndex={-1} aria-hidden="true">
          <Image
            src={story.image.src}
            width={story.image.width}
            height={story.image.height}
            alt=""
            sizes={imageSizes[variant]}
            quality={70}
            preload={eager}
            loading={eager ? "eager" : "lazy"}
          />
        </SiteLink>
      )}
      <div className="card-text">
        {showSection && <p className="kicker">{story.sectionName}</p>}
        <Heading className="card-headline">
          <SiteLink href={story.path}>{story.headline}</SiteLink>
        </Heading>
        {variant !== "compact" && story.deck && <p className="card-deck">{story.deck}</p>}
        <p className="card-meta">
          <PublishedDate iso={story.publishedAt} />
        </p>
      </div>
    </article>
  );
}
