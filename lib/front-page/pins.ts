import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { stories } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { canEditFrontPage } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/log";
import { invalidate } from "@/lib/cache/invalidate";
import { cacheTags } from "@/lib/cache/tags";
import { getDb, type Db } from "@/lib/db";
import { ForbiddenError, parseInput, RuleError } from "@/lib/errors";
import { getSetting, setSetting } from "@/lib/settings/store";
import { getStorySummaries, type StorySummary } from "@/lib/stories/queries";
import { notTrashed, publishedNow } from "@/lib/stories/visibility";
import { idSchemaWith } from "@/lib/validation/ids";

// The front page's pinned stories: a lead and up to four top stories, chosen by editors. The
// rest of the front page is newest first, as it is when nothing is pinned. A pinned story that
// is unpublished or trashed drops out where it is read (getStorySummaries asks `publishedNow`),
// and comes back if it is published again; unpinning it removes it for good.

const KEY = "front-page";
export const MAX_TOP_STORIES = 4;

const storedId = z.number().int().positive();
const pinsSchema = z.object({
  leadId: storedId.nullable().catch(null),
  topIds: z.array(storedId).max(MAX_TOP_STORIES).catch([]),
});

export type Pins = z.output<typeof pinsSchema>;

/** The stored pins; none when nothing (or nothing readable) is stored. */
export function pinsFrom(stored: unknown): Pins {
  const parsed = pinsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : { leadId: null, topIds: [] };
}

export async function readPins(db: Db = getDb()): Promise<Pins> {
  return pinsFrom(await getSetting<unknown>(KEY, db));
}

export const pinInput = z.object({
  storyId: idSchemaWith("Choose a published story to pin"),
  slot: z.enum(["lead", "top"], { error: "Choose lead or top story" }),
});

/** The pins with `storyId` placed in `slot` (and taken out of the other). */
export function withPin(pins: Pins, storyId: number, slot: "lead" | "top"): Pins {
  const topIds = pins.topIds.filter((id) => id !== storyId);
  if (slot === "lead") return { leadId: storyId, topIds };
  if (topIds.length >= MAX_TOP_STORIES) {
    throw new RuleError(`Up to ${MAX_TOP_STORIES} top stories can be pinned: unpin one first.`, "storyId");
  }
  return { leadId: pins.leadId === storyId ? null : pins.leadId, topIds: [...topIds, storyId] };
}

export function withoutPin(pins: Pins, storyId: number): Pins {
  return { leadId: pins.leadId === storyId ? null : pins.leadId, topIds: pins.topIds.filter((id) => id !== storyId) };
}

async function savePins(actor: Actor, action: string, storyId: number, change: (pins: Pins) => Pins, db: Db): Promise<Pins> {
  if (!canEditFrontPage(actor)) throw new ForbiddenError("Only editors and admins arrange the front page.");
  const next = await db.transaction(async (tx) => {
    const pins = change(await readPins(tx));
    await setSetting(KEY, pins, tx);
    await recordAudit({ actorId: actor.id, action, targetType: "story", targetId: storyId, details: { ...pins }, ip: actor.ip }, tx);
    return pins;
  });
  invalidate({ tags: [cacheTags.frontPage], paths: ["/"] });
  return next;
}

/** Pins a published story as the lead or a top story. */
export async function pinStory(actor: Actor, raw: unknown, db: Db = getDb()): Promise<Pins> {
  const { storyId, slot } = parseInput(pinInput, raw);
  const [story] = await db
    .select({ id: stories.id })
    .from(stories)
    .where(and(eq(stories.id, storyId), publishedNow, notTrashed));
  if (!story) throw new RuleError("Only a published story can be pinned to the front page.", "storyId");
  return savePins(actor, "front-page.pin", storyId, (pins) => withPin(pins, storyId, slot), db);
}

export async function unpinStory(actor: Actor, raw: unknown, db: Db = getDb()): Promise<Pins> {
  const { storyId } = parseInput(pinInput.pick({ storyId: true }), raw);
  return savePins(actor, "front-page.unpin", storyId, (pins) => withoutPin(pins, storyId), db);
}

export interface FrontPagePicks {
  lead: StorySummary | null;
  top: StorySummary[];
}

/** The pinned stories readers may see now, in their order. */
export async function readFrontPagePicks(db: Db = getDb()): Promise<FrontPagePicks> {
  const pins = await readPins(db);
  const ids = [...(pins.leadId ? [pins.leadId] : []), ...pins.topIds];
  const shown = new Map((await getStorySummaries(ids, db)).map((story) => [story.id, story]));
  return { lead: (pins.leadId && shown.get(pins.leadId)) || null, top: pins.topIds.flatMap((id) => shown.get(id) ?? []) };
}

export interface PinnedForNewsroom {
  id: number;
  headline: string;
  slot: "lead" | "top";
  /** Whether readers see it: false while it is unpublished or in the trash. */
  shown: boolean;
}

/** Every pin with its headline, including those that dropped out (for the newsroom). */
export async function listPinsForNewsroom(db: Db = getDb()): Promise<PinnedForNewsroom[]> {
  const pins = await readPins(db);
  const ids = [...(pins.leadId ? [pins.leadId] : []), ...pins.topIds];
  if (ids.length === 0) return [];
  const [rows, visible] = await Promise.all([
    db.select({ id: stories.id, headline: stories.headline }).from(stories).where(inArray(stories.id, ids)),
    getStorySummaries(ids, db),
  ]);
  const headlines = new Map(rows.map((row) => [row.id, row.headline]));
  const shown = new Set(visible.map((story) => story.id));
  return ids.flatMap((id) => {
    const headline = headlines.get(id);
    // A purged story has no row left: its pin is simply gone.
    return headline === undefined ? [] : [{ id, headline, slot: id === pins.leadId ? ("lead" as const) : ("top" as const), shown: shown.has(id) }];
  });
}
