import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { sections, stories } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { canEditFrontPage } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/log";
import { invalidate } from "@/lib/cache/invalidate";
import { cacheTags } from "@/lib/cache/tags";
import { getDb, type Db } from "@/lib/db";
import { ForbiddenError, parseInput, RuleError } from "@/lib/errors";
import { parseZonedLocal } from "@/lib/format/zoned";
import { deleteSetting, getSetting, setSetting } from "@/lib/settings/store";
import { storyPath } from "@/lib/stories/queries";
import { publishedNow } from "@/lib/stories/visibility";
import { isStorableDate } from "@/lib/validation/dates";
import { idSchemaWith } from "@/lib/validation/ids";
import { text } from "@/lib/validation/text";

// The breaking-news banner: a line of text across every page of the reading site, optionally
// linking to a story (followed through slug changes) or an address, until it expires or an
// editor clears it. The server's sweeper clears it at its expiry (lib/front-page/sweeper.ts).

const KEY = "breaking-banner";
/** A banner is for breaking news: it runs a week at most. */
export const MAX_BANNER_DAYS = 7;

const storedBanner = z.object({
  text: z.string().min(1),
  url: z.string().nullable(),
  storyId: z.number().int().positive().nullable(),
  expiresAt: z.string().datetime(),
});

export type StoredBanner = z.output<typeof storedBanner>;

export function bannerFrom(stored: unknown): StoredBanner | null {
  const parsed = storedBanner.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

export async function readStoredBanner(db: Db = getDb()): Promise<StoredBanner | null> {
  return bannerFrom(await getSetting<unknown>(KEY, db));
}

/** An address readers may follow: http(s), or a path of this site. */
const isLinkAddress = (value: string) => /^\/(?!\/)\S*$/.test(value) || (/^https?:\/\/\S+$/i.test(value) && URL.canParse(value));

/** What an editor sends: the text, a story or an address (or neither), and when it ends on the site's clock. */
export function bannerInput(timeZone: string, now = new Date()) {
  return z
    .object({
      text: text().trim().min(1, "Enter the banner's text").max(200, "Keep the banner within 200 characters"),
      link: text()
        .trim()
        .max(2000, "Keep the address within 2,000 characters")
        .refine((value) => value === "" || isLinkAddress(value), "Enter an address starting with https:// or /, or leave it empty")
        .default(""),
      storyId: z.union([z.literal("").transform(() => null), idSchemaWith("Choose a published story")], { error: "Choose a published story" }).default(null),
      expiresAt: z
        .string({ error: "Enter when the banner ends" })
        .trim()
        .min(1, "Enter when the banner ends")
        .transform((value, context) => {
          const at = parseZonedLocal(value, timeZone);
          if (!at || !isStorableDate(at)) {
            context.addIssue({ code: "custom", message: "Enter a date and time, such as 2030-05-01 18:00" });
            return z.NEVER;
          }
          return at;
        })
        .refine((at) => at.getTime() > now.getTime(), "Choose a time in the future")
        .refine((at) => at.getTime() <= now.getTime() + MAX_BANNER_DAYS * 86_400_000, `A banner runs at most ${MAX_BANNER_DAYS} days`),
    })
    .superRefine((value, context) => {
      if (value.link && value.storyId) context.addIssue({ code: "custom", path: ["link"], message: "Link to a story or an address, not both" });
    });
}

function requireEditor(actor: Actor): void {
  if (!canEditFrontPage(actor)) throw new ForbiddenError("Only editors and admins set the breaking-news banner.");
}

/** Puts up (or replaces) the banner. */
export async function setBanner(actor: Actor, raw: unknown, timeZone: string, db: Db = getDb(), now = new Date()): Promise<StoredBanner> {
  requireEditor(actor);
  const input = parseInput(bannerInput(timeZone, now), raw);
  if (input.storyId) {
    const [story] = await db.select({ id: stories.id }).from(stories).where(and(eq(stories.id, input.storyId), publishedNow));
    if (!story) throw new RuleError("Only a published story can be linked from the banner.", "storyId");
  }
  const banner: StoredBanner = { text: input.text, url: input.link || null, storyId: input.storyId, expiresAt: input.expiresAt.toISOString() };
  await db.transaction(async (tx) => {
    await setSetting(KEY, banner, tx);
    await recordAudit({ actorId: actor.id, action: "front-page.banner", targetType: "settings", targetId: KEY, details: { ...banner }, ip: actor.ip }, tx);
  });
  invalidate({ tags: [cacheTags.frontPage] });
  return banner;
}

export async function clearBanner(actor: Actor, db: Db = getDb()): Promise<void> {
  requireEditor(actor);
  const cleared = await db.transaction(async (tx) => {
    const had = await deleteSetting(KEY, tx);
    if (had) await recordAudit({ actorId: actor.id, action: "front-page.banner-clear", targetType: "settings", targetId: KEY, ip: actor.ip }, tx);
    return had;
  });
  if (cleared) invalidate({ tags: [cacheTags.frontPage] });
}

/** Removes the banner once it has expired (the sweeper); true when it did. */
export async function removeExpiredBanner(now = new Date(), db: Db = getDb()): Promise<boolean> {
  const banner = await readStoredBanner(db);
  if (!banner || new Date(banner.expiresAt).getTime() > now.getTime()) return false;
  return deleteSetting(KEY, db);
}

export interface Banner {
  text: string;
  /** Where it links: the story's address, the address given, or null. */
  href: string | null;
  expiresAt: string;
}

/**
 * The banner as readers see it, expired or not (pages are cached: the reader's page checks
 * `isBannerShowing` as it renders, and the sweeper refreshes pages at the expiry). A link to a
 * story that is no longer published is left out.
 */
export async function readBanner(db: Db = getDb()): Promise<Banner | null> {
  const banner = await readStoredBanner(db);
  if (!banner) return null;
  let href = banner.url;
  if (banner.storyId) {
    const [story] = await db
      .select({ slug: stories.slug, sectionPath: sections.path })
      .from(stories)
      .innerJoin(sections, eq(sections.id, stories.sectionId))
      .where(and(eq(stories.id, banner.storyId), publishedNow));
    href = story ? storyPath(story.sectionPath, story.slug) : null;
  }
  return { text: banner.text, href, expiresAt: banner.expiresAt };
}

export const isBannerShowing = (banner: Pick<Banner, "expiresAt"> | null, now = new Date()): boolean =>
  banner !== null && new Date(banner.expiresAt).getTime() > now.getTime();
