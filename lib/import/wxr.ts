import { ArchiveFormatError, type ArchiveReader, type Catalog, type SkippedItem, type SourceComment, type SourceMedia, type SourceStory } from "./model";
import { childrenNamed, childText, streamElements, type XmlNode } from "./xml-stream";

// A WordPress export (WXR: Tools → Export), read in two streaming passes: the first gathers what
// stories refer to (authors, categories, tags, attachments) and counts the rest; the second hands
// over the posts one at a time. Pages, menus and revisions are skipped with a count.

const HEADER = new Set(["item", "wp:author", "wp:category", "wp:tag"]);
const ITEMS = new Set(["item"]);
const ZERO_DATE = /^0000-00-00/;

/** "2019-04-29 14:05:00" (UTC, as wp:*_gmt fields are) or an RFC 822 <pubDate>. */
function dateOf(gmt: string, fallback = ""): Date | undefined {
  if (gmt && !ZERO_DATE.test(gmt)) {
    const date = new Date(`${gmt.replace(" ", "T")}Z`);
    if (!Number.isNaN(date.getTime())) return date;
  }
  const parsed = fallback ? Date.parse(fallback) : Number.NaN;
  return Number.isNaN(parsed) ? undefined : new Date(parsed);
}

function postMeta(item: XmlNode): Map<string, string> {
  return new Map(childrenNamed(item, "wp:postmeta").map((meta) => [childText(meta, "wp:meta_key"), childText(meta, "wp:meta_value")]));
}

/** WordPress percent-encodes non-Latin slugs ("%d0%bf…"). */
function decodedSlug(slug: string): string {
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}

const STATUS: Record<string, SourceStory["status"]> = { publish: "published", future: "scheduled", draft: "draft", pending: "draft", private: "draft" };

const isPing = (node: XmlNode) => ["pingback", "trackback"].includes(childText(node, "wp:comment_type"));

function commentOf(node: XmlNode): SourceComment {
  const approved = childText(node, "wp:comment_approved");
  const parent = childText(node, "wp:comment_parent");
  return {
    sourceId: childText(node, "wp:comment_id"),
    parentSourceId: parent && parent !== "0" ? parent : undefined,
    status: approved === "1" ? "approved" : approved === "0" ? "pending" : "spam",
    authorName: childText(node, "wp:comment_author"),
    email: childText(node, "wp:comment_author_email") || undefined,
    html: childText(node, "wp:comment_content"),
    createdAt: dateOf(childText(node, "wp:comment_date_gmt")),
  };
}

function storyOf(item: XmlNode, status: SourceStory["status"]): SourceStory {
  const id = childText(item, "wp:post_id");
  const meta = postMeta(item);
  const categories = childrenNamed(item, "category");
  const published = dateOf(childText(item, "wp:post_date_gmt"), childText(item, "pubDate"));
  return {
    sourceId: id,
    item: `post ${id}`,
    headline: childText(item, "title"),
    deck: childText(item, "excerpt:encoded"),
    slug: decodedSlug(childText(item, "wp:post_name")),
    status,
    publishedAt: status === "draft" ? undefined : published,
    updatedAt: dateOf(childText(item, "wp:post_modified_gmt")),
    body: { kind: "html", html: childText(item, "content:encoded") },
    authorSourceIds: [childText(item, "dc:creator")].filter(Boolean),
    sectionSourceId: categories.find((c) => c.attributes.domain === "category")?.attributes.nicename,
    tagSourceIds: categories.filter((c) => c.attributes.domain === "post_tag").map((c) => c.attributes.nicename ?? "").filter(Boolean),
    heroMediaSourceId: meta.get("_thumbnail_id") || undefined,
    comments: childrenNamed(item, "wp:comment").filter((node) => !isPing(node)).map(commentOf),
    droppedComments: childrenNamed(item, "wp:comment")
      .filter(isPing)
      .map((node) => ({ item: `post ${id} comment ${childText(node, "wp:comment_id")}`, reason: "pingbacks and trackbacks are not imported" })),
    commentsOpen: childText(item, "wp:comment_status") !== "closed",
    old: {
      id: Number(id),
      link: childText(item, "link"),
      guid: childText(item, "guid"),
      slug: childText(item, "wp:post_name"),
      date: childText(item, "wp:post_date"),
      type: "post",
    },
  };
}

function attachmentOf(item: XmlNode): SourceMedia {
  const meta = postMeta(item);
  return {
    sourceId: childText(item, "wp:post_id"),
    url: childText(item, "wp:attachment_url") || childText(item, "guid"),
    file: meta.get("_wp_attached_file") || undefined,
    alt: meta.get("_wp_attachment_image_alt") || undefined,
    title: childText(item, "title") || undefined,
    caption: childText(item, "excerpt:encoded") || undefined,
    credit: childText(item, "content:encoded") || undefined,
  };
}

/** What becomes of an item: a story (with its status), an image, or a skip with its reason. */
function classify(item: XmlNode): { story: SourceStory["status"] } | { media: true } | { skip: string } {
  const type = childText(item, "wp:post_type");
  if (type === "attachment") return { media: true };
  if (type === "page") return { skip: "pages are not imported" };
  if (type !== "post") return { skip: `"${type || "unknown"}" items are not imported` };
  const status = childText(item, "wp:status");
  const mapped = STATUS[status];
  return mapped ? { story: mapped } : { skip: `status "${status}" is not imported` };
}

export function wordpressReader(file: string): ArchiveReader {
  return {
    async readCatalog(): Promise<Catalog> {
      let siteUrl = "";
      let channelLink = "";
      const catalog: Catalog = { format: "wordpress", source: "", siteUrl: "", authors: [], sections: [], tags: [], media: new Map(), storyCount: 0, commentCount: 0, skipped: [] };
      const skipped: SkippedItem[] = catalog.skipped;
      let items = 0;
      for await (const node of streamElements(file, HEADER, (path, text) => {
        if (path.join("/") === "rss/channel/wp:base_blog_url") siteUrl = text.trim();
        if (path.join("/") === "rss/channel/link") channelLink = text.trim();
      })) {
        if (node.name === "wp:author") {
          const login = childText(node, "wp:author_login");
          catalog.authors.push({ sourceId: login, slug: login, name: childText(node, "wp:author_display_name") || login });
        } else if (node.name === "wp:category") {
          const parent = childText(node, "wp:category_parent");
          catalog.sections.push({
            sourceId: childText(node, "wp:category_nicename"),
            slug: decodedSlug(childText(node, "wp:category_nicename")),
            name: childText(node, "wp:cat_name"),
            description: childText(node, "wp:category_description") || undefined,
            parentSourceId: parent || undefined,
          });
        } else if (node.name === "wp:tag") {
          catalog.tags.push({ sourceId: childText(node, "wp:tag_slug"), slug: decodedSlug(childText(node, "wp:tag_slug")), name: childText(node, "wp:tag_name") });
        } else {
          items++;
          const kind = classify(node);
          if ("media" in kind) {
            const media = attachmentOf(node);
            catalog.media.set(media.sourceId, media);
          } else if ("skip" in kind) {
            skipped.push({ item: `${childText(node, "wp:post_type") || "item"} ${childText(node, "wp:post_id")}`, reason: kind.skip });
          } else {
            catalog.storyCount++;
            catalog.commentCount += childrenNamed(node, "wp:comment").length;
          }
        }
      }
      if (!items && !catalog.authors.length && !catalog.sections.length) {
        throw new ArchiveFormatError("This is XML but not a WordPress export: it has no <item>, author or category.");
      }
      catalog.siteUrl = (siteUrl || channelLink).replace(/\/+$/, "");
      catalog.source = `wordpress:${catalog.siteUrl}`;
      catalog.sections = parentsFirst(catalog.sections);
      return catalog;
    },
    async *stories() {
      for await (const node of streamElements(file, ITEMS)) {
        const kind = classify(node);
        if ("story" in kind) yield storyOf(node, kind.story);
      }
    },
  };
}

/** Categories ordered so that each parent comes before its children (WordPress does not promise it). */
function parentsFirst<T extends { sourceId: string; parentSourceId?: string }>(sections: T[]): T[] {
  const byId = new Map(sections.map((section) => [section.sourceId, section]));
  const ordered: T[] = [];
  const placed = new Set<string>();
  const place = (section: T, seen: Set<string>) => {
    if (placed.has(section.sourceId) || seen.has(section.sourceId)) return;
    seen.add(section.sourceId);
    const parent = section.parentSourceId ? byId.get(section.parentSourceId) : undefined;
    if (parent) place(parent, seen);
    placed.add(section.sourceId);
    ordered.push(section);
  };
  for (const section of sections) place(section, new Set());
  return ordered;
}
