import fs from "node:fs";
import { ArchiveFormatError, type ArchiveReader, type Catalog, type SourceMedia, type SourceStory } from "./model";

// A Ghost export (Settings → Labs → Export: one JSON document). It is read whole: JSON has no
// record boundaries a reader could stop at without a streaming parser, and a Ghost export holds
// posts' text only (images are separate files), so even a large publication's is a few tens of
// megabytes. Above GHOST_MAX_BYTES the import stops with a clear error instead of exhausting
// memory. A post's primary tag (its first by sort_order) becomes its section; every public tag
// is a tag; internal tags ("#…") are left out.

export const GHOST_MAX_BYTES = 200 * 1024 * 1024;

type Row = Record<string, unknown>;
const str = (value: unknown): string => (typeof value === "string" ? value : typeof value === "number" ? String(value) : "");
const dateOf = (value: unknown): Date | undefined => {
  const time = typeof value === "string" ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? undefined : new Date(time);
};

interface GhostData {
  posts: Row[];
  tags: Row[];
  users: Row[];
  postsTags: Row[];
  postsAuthors: Row[];
  postsMeta: Row[];
  siteUrl: string;
}

/** "Unexpected token … at position 1234" → the line it is on. */
function lineOf(text: string, message: string): string {
  const position = /position (\d+)/.exec(message);
  if (position) return ` (line ${text.slice(0, Number(position[1])).split("\n").length})`;
  const line = /line (\d+)/.exec(message);
  return line ? ` (line ${line[1]})` : "";
}

function readGhost(file: string): GhostData {
  const size = fs.statSync(file).size;
  if (size > GHOST_MAX_BYTES) {
    throw new ArchiveFormatError(`The Ghost export is ${Math.ceil(size / 1048576)} MB; at most ${GHOST_MAX_BYTES / 1048576} MB is read. Export without the email and member tables, or split it.`);
  }
  const text = fs.readFileSync(file, "utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    throw new ArchiveFormatError(`The JSON is malformed${lineOf(text, message)}: ${message}. Is the file complete?`);
  }
  const root = parsed as { db?: { data?: Row; meta?: Row }[]; data?: Row };
  const data = (Array.isArray(root?.db) ? root.db[0]?.data : root?.data) as Record<string, unknown> | undefined;
  if (!data || !Array.isArray(data.posts)) throw new ArchiveFormatError("This JSON is not a Ghost export: it has no db[0].data.posts.");
  const list = (name: string) => (Array.isArray(data[name]) ? (data[name] as Row[]) : []);
  const settings = list("settings");
  const url = str(settings.find((row) => row.key === "url")?.value);
  return {
    posts: list("posts"),
    tags: list("tags"),
    users: list("users"),
    postsTags: list("posts_tags"),
    postsAuthors: list("posts_authors"),
    postsMeta: list("posts_meta"),
    siteUrl: url.replace(/\/+$/, ""),
  };
}

/** Links of a post to its tags or authors, in the export's sort order. */
function linksByPost(rows: Row[], key: string): Map<string, string[]> {
  const links = new Map<string, { id: string; order: number }[]>();
  for (const row of rows) {
    const post = str(row.post_id);
    links.set(post, [...(links.get(post) ?? []), { id: str(row[key]), order: Number(row.sort_order ?? 0) }]);
  }
  return new Map([...links].map(([post, list]) => [post, list.sort((a, b) => a.order - b.order).map((link) => link.id)]));
}

/** "__GHOST_URL__/content/images/2019/04/harbor.jpg" → the image, found under "2019/04/harbor.jpg". */
function imageOf(url: string, details: Omit<SourceMedia, "sourceId" | "url" | "file"> = {}): SourceMedia {
  const file = /\/content\/images\/(.+)$/.exec(url)?.[1];
  return { sourceId: url, url, file, ...details };
}

const STATUS: Record<string, SourceStory["status"]> = { published: "published", scheduled: "scheduled", draft: "draft", sent: "published" };

export function ghostReader(file: string): ArchiveReader {
  let data: GhostData | null = null;
  const load = () => (data ??= readGhost(file));
  return {
    async readCatalog(): Promise<Catalog> {
      const ghost = load();
      const catalog: Catalog = { format: "ghost", source: `ghost:${ghost.siteUrl}`, siteUrl: ghost.siteUrl, authors: [], sections: [], tags: [], media: new Map(), storyCount: 0, commentCount: 0, skipped: [] };
      const tagsByPost = linksByPost(ghost.postsTags, "tag_id");
      const publicTags = ghost.tags.filter((tag) => str(tag.visibility) !== "internal" && !str(tag.name).startsWith("#"));
      const primary = new Set<string>();
      for (const post of ghost.posts) {
        const first = (tagsByPost.get(str(post.id)) ?? []).find((id) => publicTags.some((tag) => str(tag.id) === id));
        if (first) primary.add(first);
      }
      for (const tag of publicTags) {
        const entry = { sourceId: str(tag.id), name: str(tag.name), slug: str(tag.slug) };
        catalog.tags.push(entry);
        if (primary.has(entry.sourceId)) catalog.sections.push({ ...entry, description: str(tag.description) || undefined });
      }
      for (const user of ghost.users) {
        const photo = str(user.profile_image);
        if (photo) catalog.media.set(photo, imageOf(photo, { alt: str(user.name) }));
        catalog.authors.push({ sourceId: str(user.id), name: str(user.name), slug: str(user.slug), bio: str(user.bio) || undefined, photoUrl: photo || undefined });
      }
      const meta = new Map(ghost.postsMeta.map((row) => [str(row.post_id), row]));
      for (const post of ghost.posts) {
        const image = str(post.feature_image);
        const postMeta = meta.get(str(post.id));
        if (image) catalog.media.set(image, imageOf(image, { alt: str(postMeta?.feature_image_alt) || undefined, caption: str(postMeta?.feature_image_caption) || undefined }));
        if (str(post.type || "post") !== "post") catalog.skipped.push({ item: `${str(post.type)} ${str(post.id)}`, reason: "pages are not imported" });
        else if (!STATUS[str(post.status)]) catalog.skipped.push({ item: `post ${str(post.id)}`, reason: `status "${str(post.status)}" is not imported` });
        else catalog.storyCount++;
      }
      return catalog;
    },
    async *stories() {
      const ghost = load();
      const tagsByPost = linksByPost(ghost.postsTags, "tag_id");
      const authorsByPost = linksByPost(ghost.postsAuthors, "author_id");
      const meta = new Map(ghost.postsMeta.map((row) => [str(row.post_id), row]));
      const internal = new Set(ghost.tags.filter((tag) => str(tag.visibility) === "internal" || str(tag.name).startsWith("#")).map((tag) => str(tag.id)));
      for (const post of ghost.posts) {
        const status = STATUS[str(post.status)];
        if (str(post.type || "post") !== "post" || !status) continue;
        const id = str(post.id);
        const tagIds = (tagsByPost.get(id) ?? []).filter((tag) => !internal.has(tag));
        const postMeta = meta.get(id);
        const authors = authorsByPost.get(id) ?? [str(post.author_id)].filter(Boolean);
        yield {
          sourceId: id,
          item: `post ${id}`,
          headline: str(post.title),
          deck: str(post.custom_excerpt),
          slug: str(post.slug),
          status,
          publishedAt: status === "draft" ? undefined : dateOf(post.published_at),
          updatedAt: dateOf(post.updated_at),
          body: { kind: "ghost", mobiledoc: str(post.mobiledoc) || null, lexical: str(post.lexical) || null, html: str(post.html) || null },
          authorSourceIds: authors,
          sectionSourceId: tagIds[0],
          tagSourceIds: tagIds,
          heroMediaSourceId: str(post.feature_image) || undefined,
          heroCaption: str(postMeta?.feature_image_caption) || undefined,
          heroAlt: str(postMeta?.feature_image_alt) || undefined,
          comments: [],
          droppedComments: [],
          commentsOpen: true,
          old: { id, uuid: str(post.uuid), slug: str(post.slug), published_at: str(post.published_at), type: "post", url: str(post.url) || undefined },
        } satisfies SourceStory;
      }
    },
  };
}
