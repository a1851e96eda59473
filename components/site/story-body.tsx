import Image from "next/image";
import { SiteLink } from "./site-link";
import type { InlineNode, StoryBlock, StoryDocument } from "@/lib/stories/document";
import type { StorySummary } from "@/lib/stories/queries";

// Renders the structured story document to React on the server. Only allowlisted node types exist
// (lib/stories/document.ts); text is always rendered as text, never as HTML.

export interface BodyMedia {
  src: string;
  width: number;
  height: number;
}

interface BodyContext {
  related: Record<number, StorySummary>;
  media: Record<number, BodyMedia>;
}

function isExternal(href: string) {
  return /^(https?:)?\/\//i.test(href);
}

function renderInline(nodes: InlineNode[] | undefined) {
  return nodes?.map((node, index) => {
    if (node.type === "hardBreak") return <br key={index} />;
    let content: React.ReactNode = node.text;
    let href: string | undefined;
    for (const mark of node.marks ?? []) {
      if (mark.type === "bold") content = <strong>{content}</strong>;
      else if (mark.type === "italic") content = <em>{content}</em>;
      else href = mark.attrs.href;
    }
    if (href) {
      content = isExternal(href) ? (
        <a href={href} rel="noopener">
          {content}
        </a>
      ) : href.startsWith("/") ? (
        <SiteLink href={href}>{content}</SiteLink>
      ) : (
        <a href={href}>{content}</a>
      );
    }
    return <span key={index}>{content}</span>;
  });
}

function Block({ node, context }: { node: StoryBlock; context: BodyContext }) {
  switch (node.type) {
    case "paragraph":
      return node.content?.length ? <p>{renderInline(node.content)}</p> : null;
    case "heading": {
      const Tag = `h${node.attrs.level}` as "h2" | "h3" | "h4";
      return <Tag>{renderInline(node.content)}</Tag>;
    }
    case "bulletList":
    case "orderedList": {
      const List = node.type === "bulletList" ? "ul" : "ol";
      return (
        <List>
          {node.content.map((item, i) => (
            <li key={i}>
              {item.content.map((p, j) => (
                <span key={j} className="list-paragraph">
                  {renderInline(p.content)}
                </span>
              ))}
            </li>
          ))}
        </List>
      );
    }
    case "blockquote":
      return (
        <figure className="body-quote">
          <blockquote>
            {node.content.map((p, i) => (
              <p key={i}>{renderInline(p.content)}</p>
            ))}
          </blockquote>
          {node.attrs?.cite && <figcaption>{node.attrs.cite}</figcaption>}
        </figure>
      );
    case "image": {
      const media = context.media[node.attrs.mediaId];
      if (!media) return null;
      return (
        <figure className="body-image">
          <Image
            src={media.src}
            width={media.width}
            height={media.height}
            alt={node.attrs.alt}
            sizes="(min-width: 760px) 680px, 100vw"
            quality={70}
          />
          {(node.attrs.caption || node.attrs.credit) && (
            <figcaption>
              {node.attrs.caption} {node.attrs.credit && <span className="credit">{node.attrs.credit}</span>}
            </figcaption>
          )}
        </figure>
      );
    }
    case "relatedStory": {
      const story = context.related[node.attrs.storyId];
      if (!story) return null;
      return (
        <aside className="inline-related" aria-label="Related story">
          <span className="inline-related-label">Related</span>
          <SiteLink href={story.path}>{story.headline}</SiteLink>
        </aside>
      );
    }
    case "embed":
      return (
        <p className="embed-link">
          <a href={node.attrs.url} rel="noopener">
            {node.attrs.title}
          </a>
        </p>
      );
  }
}

export function StoryBody({ doc, related, media }: { doc: StoryDocument } & BodyContext) {
  const context = { related, media };
  return (
    <div className="story-body">
      {doc.content.map((node, index) => (
        <Block key={index} node={node} context={context} />
      ))}
    </div>
  );
}
