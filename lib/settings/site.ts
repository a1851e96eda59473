import { eq } from "drizzle-orm";
import { z } from "zod";
import { media } from "@/db/schema";
import { canManageSite } from "@/lib/auth/roles";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/log";
import { invalidate } from "@/lib/cache/invalidate";
import { cacheTags } from "@/lib/cache/tags";
import { getDb, type Db } from "@/lib/db";
import { env, isTimeZone, type Env } from "@/lib/env";
import { ForbiddenError, parseInput, RuleError } from "@/lib/errors";
import { mediaUrl } from "@/lib/media/urls";
import { text } from "@/lib/validation/text";
import { yesNo } from "@/lib/validation/boolean";
import { idSchemaWith } from "@/lib/validation/ids";
import { getSetting, setSetting } from "./store";
import { rememberTimeZone } from "./time-zone";

// The site's own settings — name, description, time zone, logo, comment defaults — edited by
// admins under Settings and stored in the settings table. The environment still wins: a field
// whose variable is set (SITE_NAME, …) takes that value and the form shows it as fixed.

const KEY = "site";

/** The fields the environment can fix, and the variable that does. */
export const ENV_VARIABLES = {
  name: "SITE_NAME",
  description: "SITE_DESCRIPTION",
  timeZone: "SITE_TIMEZONE",
  commentsPerAddress: "COMMENTS_PER_ADDRESS_PER_MINUTE",
  commentsPerStory: "COMMENTS_PER_STORY_PER_MINUTE",
} as const;

export type EnvFixedField = keyof typeof ENV_VARIABLES;

const perMinute = (what: string) =>
  z
    .union([z.number(), z.string().trim().regex(/^\d{1,6}$/, `Enter a whole number of ${what} a minute, such as 5`).transform(Number)], {
      error: `Enter a whole number of ${what} a minute, such as 5`,
    })
    .pipe(z.number().int().min(1, "Allow at least 1 a minute").max(100_000, "Allow at most 100,000 a minute"));

/** What an admin may send; every field is optional, so a save may leave out those the environment fixes. */
export const siteSettingsInput = z.object({
  name: text().trim().min(1, "Enter the publication's name").max(80, "Keep the name within 80 characters").optional(),
  description: text().trim().min(1, "Enter a sentence about the publication").max(300, "Keep the description within 300 characters").optional(),
  timeZone: z
    .string({ error: "Choose a time zone" })
    .trim()
    .refine(isTimeZone, "Choose a time zone by its IANA name, such as Europe/London or UTC")
    .optional(),
  /** Empty: no logo of our own (the site's mark). */
  logoMediaId: z
    .union([z.literal("").transform(() => null), z.null(), idSchemaWith("Choose a logo from the media library")], {
      error: "Choose a logo from the media library",
    })
    .optional(),
  commentsOpenByDefault: yesNo("Choose whether comments are open on new stories").optional(),
  commentsPerAddress: perMinute("comments").optional(),
  commentsPerStory: perMinute("comments").optional(),
});

export type SiteSettingsInput = z.output<typeof siteSettingsInput>;

/** What is stored: the last saved values, each read leniently (a value that no longer parses is left out). */
type Stored = Partial<{ [K in keyof SiteSettingsInput]: Exclude<SiteSettingsInput[K], undefined> }>;

export interface SiteLogo {
  id: number;
  src: string;
  width: number;
  height: number;
  alt: string;
}

export interface SiteSettings {
  name: string;
  description: string;
  timeZone: string;
  logoMediaId: number | null;
  commentsOpenByDefault: boolean;
  commentsPerAddress: number;
  commentsPerStory: number;
  /** The fields the environment sets, each with its variable: shown fixed, never saved. */
  fixed: Partial<Record<EnvFixedField, string>>;
}

/** The stored value, field by field: a field that does not parse (an old or hand-edited row) is dropped. */
export function storedSiteSettings(value: unknown): Stored {
  if (!value || typeof value !== "object") return {};
  const stored: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(siteSettingsInput.shape)) {
    const parsed = schema.safeParse((value as Record<string, unknown>)[field]);
    if (parsed.success && parsed.data !== undefined) stored[field] = parsed.data;
  }
  return stored as Stored;
}

/** The variables of `source` that are set (a blank one counts as unset, as lib/env.ts reads it). */
export function fixedByEnvironment(source: Record<string, string | undefined> = process.env): Partial<Record<EnvFixedField, string>> {
  const fixed: Partial<Record<EnvFixedField, string>> = {};
  for (const [field, variable] of Object.entries(ENV_VARIABLES) as [EnvFixedField, string][]) {
    if (source[variable] !== undefined && source[variable] !== "") fixed[field] = variable;
  }
  return fixed;
}

/**
 * The settings in force: the environment's value where its variable is set, else the stored
 * value, else the environment's default.
 */
export function resolveSiteSettings(stored: Stored, environment: Env, fixed: Partial<Record<EnvFixedField, string>>): SiteSettings {
  const pick = <T>(field: EnvFixedField, fromEnv: T, fromStore: T | undefined): T => (fixed[field] ? fromEnv : (fromStore ?? fromEnv));
  return {
    name: pick("name", environment.siteName, stored.name),
    description: pick("description", environment.siteDescription, stored.description),
    timeZone: pick("timeZone", environment.timeZone, stored.timeZone),
    logoMediaId: stored.logoMediaId ?? null,
    commentsOpenByDefault: stored.commentsOpenByDefault ?? true,
    commentsPerAddress: pick("commentsPerAddress", environment.commentLimits.perAddress, stored.commentsPerAddress),
    commentsPerStory: pick("commentsPerStory", environment.commentLimits.perStory, stored.commentsPerStory),
    fixed,
  };
}

/** `next build` renders a few pages ahead (the fallback not-found page) with no database to read. */
const isBuilding = () => process.env.NEXT_PHASE === "phase-production-build";

/** The settings in force, read now (commands, the newsroom). */
export async function readSiteSettings(db?: Db): Promise<SiteSettings> {
  const stored = isBuilding() && !db ? {} : storedSiteSettings(await getSetting<unknown>(KEY, db ?? getDb()));
  const settings = resolveSiteSettings(stored, env(), fixedByEnvironment());
  rememberTimeZone(settings.timeZone);
  return settings;
}

export interface PublicSiteSettings extends SiteSettings {
  /** The logo chosen from the media library, or null for the site's own mark. */
  logo: SiteLogo | null;
}

export async function readPublicSiteSettings(db?: Db): Promise<PublicSiteSettings> {
  const settings = await readSiteSettings(db);
  return { ...settings, logo: settings.logoMediaId ? await readLogo(settings.logoMediaId, db ?? getDb()) : null };
}

async function readLogo(id: number, db: Db): Promise<SiteLogo | null> {
  const [row] = await db
    .select({ id: media.id, storageKey: media.storageKey, width: media.width, height: media.height, alt: media.alt })
    .from(media)
    .where(eq(media.id, id));
  return row ? { id: row.id, src: mediaUrl(row.storageKey), width: row.width, height: row.height, alt: row.alt } : null;
}

/** Saves what an admin sent (fields the environment fixes are left as they were), audited. */
export async function updateSiteSettings(actor: Actor, raw: unknown, db: Db = getDb()): Promise<SiteSettings> {
  if (!canManageSite(actor)) throw new ForbiddenError("Only admins change the site settings.");
  const input = parseInput(siteSettingsInput, raw);
  const fixed = fixedByEnvironment();
  for (const field of Object.keys(fixed) as EnvFixedField[]) delete input[field];
  const changes = await db.transaction(async (tx) => {
    // The chosen image is locked against deletion until the settings name it: a delete running
    // now either finishes first (and the save says the image is gone) or waits and then finds the
    // image in use as the logo (lib/media/delete.ts).
    if (input.logoMediaId) {
      const [image] = await tx.select({ id: media.id }).from(media).where(eq(media.id, input.logoMediaId)).for("share");
      if (!image) throw new RuleError("That image is no longer in the media library; choose another.", "logoMediaId");
    }
    const before = storedSiteSettings(await getSetting<unknown>(KEY, tx));
    const after: Stored = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) };
    const changed = Object.fromEntries(
      Object.keys(after)
        .filter((field) => JSON.stringify(before[field as keyof Stored]) !== JSON.stringify(after[field as keyof Stored]))
        .map((field) => [field, { from: before[field as keyof Stored] ?? null, to: after[field as keyof Stored] ?? null }]),
    );
    await setSetting(KEY, after, tx);
    await recordAudit({ actorId: actor.id, action: "site.settings", targetType: "settings", targetId: KEY, details: changed, ip: actor.ip }, tx);
    return changed;
  });
  // Every page shows the name (header, footer, titles); feeds, sitemaps and share cards too.
  if (Object.keys(changes).length > 0) invalidate({ tags: [cacheTags.site] });
  return readSiteSettings(db);
}
