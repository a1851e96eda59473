import { getSiteSettings } from "@/lib/settings/cached";
import { createHash } from "node:crypto";
import { getCachedAuthor } from "@/lib/authors/cached";
import { getCachedSectionTree } from "@/lib/sections/cached";
import { getCachedArticle } from "@/lib/stories/cached";
import { getCachedTag } from "@/lib/tags/cached";
import type { ShareCard } from "./share-image";

// Where each page's share image lives and what it shows. A story's address carries a short hash
// of what its card draws (headline, section, hero photo), so an edit gives it a new address and
// social networks, which keep an image by its URL, fetch the new one; the route itself is cached
// under the story's tag (app/media/share/[kind]/[name]/route.ts).

const BASE = "/media/share";

/** The address of a story's share image for the story as it is now. */
export function storyShareImage(story: { id: number; headline: string; sectionName: string; image: { src: string } | null }): string {
  const drawn = [story.headline, story.sectionName, story.image?.src ?? ""].join("\n");
  return `${BASE}/stories/${story.id}-${createHash("sha256").update(drawn).digest("hex").slice(0, 10)}.png`;
}

export const sectionShareImage = (sectionId: number) => `${BASE}/sections/${sectionId}.png`;
export const tagShareImage = (slug: string) => `${BASE}/tags/${slug}.png`;
export const authorShareImage = (slug: string) => `${BASE}/authors/${slug}.png`;
export const siteShareImage = () => `${BASE}/site/home.png`;

const ID_NAME = /^([1-9]\d{0,9})(?:-[0-9a-f]{10})?\.png$/;
const SLUG_NAME = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.png$/;

/** The card at `/media/share/<kind>/<name>`, or null when there is no such public page. */
export async function shareCardAt(kind: string, name: string): Promise<ShareCard | null> {
  if (kind === "site") {
    if (name !== "home.png") return null;
    const { name: siteName, description } = await getSiteSettings();
    return { siteName, kicker: "Front page", title: description || siteName };
  }
  // The site's name is read only for a card that exists.
  const card = await pageCardAt(kind, name);
  return card && { siteName: (await getSiteSettings()).name, ...card };
}

async function pageCardAt(kind: string, name: string): Promise<Omit<ShareCard, "siteName"> | null> {
  const id = Number(ID_NAME.exec(name)?.[1] ?? 0);
  const slug = SLUG_NAME.exec(name)?.[1];
  switch (kind) {
    case "stories": {
      const article = id ? await getCachedArticle(id) : null;
      return article && { kicker: article.sectionName, title: article.headline, backdrop: article.image?.src };
    }
    case "sections": {
      const section = id ? (await getCachedSectionTree()).byId[id] : undefined;
      return section ? { kicker: "Section", title: section.name } : null;
    }
    case "tags": {
      const tag = slug ? await getCachedTag(slug) : null;
      return tag && { kicker: "Topic", title: tag.name };
    }
    case "authors": {
      const author = slug ? await getCachedAuthor(slug) : null;
      return author && { kicker: author.title || "Author", title: author.name, portrait: author.photo?.src };
    }
    default:
      return null;
  }
}
