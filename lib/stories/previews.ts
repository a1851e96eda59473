import { randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import type { Tx } from "@/db/transaction";
import type { Actor } from "@/lib/auth/actor";
import { previewLinks, sections, stories } from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import { hashToken } from "@/lib/auth/token-hash";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { canViewStory } from "./permissions";
import { storyPath } from "./queries";
import { isPublishedNow } from "./visibility";

// Private preview links: /preview/<token>, where the token is 128 random bits (stored as a
// SHA-256 hash). Anyone with the link sees the story as it stands; revoking ends every link of
// the story; once the story is published the link leads to its public URL. Pulling a published
// story ends its links too: a story withdrawn from readers must not stay readable through a link
// shared before (or while) it was public, so only links made after it was pulled work.

async function requireViewable(actor: Actor, storyId: number, db: Db) {
  const [story] = await db.select({ createdById: stories.createdById, status: stories.status, publishedAt: stories.publishedAt }).from(stories).where(eq(stories.id, storyId));
  if (!story) throw new NotFoundError("This story does not exist.");
  if (!canViewStory(actor, story)) throw new ForbiddenError("You cannot share this story.");
}

export async function createPreviewLink(actor: Actor, storyId: number, db: Db = getDb()): Promise<{ path: string }> {
  await requireViewable(actor, storyId, db);
  const token = randomBytes(16).toString("base64url");
  await db.insert(previewLinks).values({ storyId, tokenHash: hashToken(token), createdById: actor.id });
  await recordAudit({ actorId: actor.id, action: "story.preview_create", targetType: "story", targetId: storyId, ip: actor.ip }, db);
  return { path: `/preview/${token}` };
}

export async function revokePreviewLinks(actor: Actor, storyId: number, db: Db = getDb()): Promise<number> {
  await requireViewable(actor, storyId, db);
  const revoked = await db
    .update(previewLinks)
    .set({ revokedAt: new Date() })
    .where(and(eq(previewLinks.storyId, storyId), isNull(previewLinks.revokedAt)))
    .returning({ id: previewLinks.id });
  await recordAudit({ actorId: actor.id, action: "story.preview_revoke", targetType: "story", targetId: storyId, details: { links: revoked.length }, ip: actor.ip }, db);
  return revoked.length;
}

/** Ends every open link of the story, inside the transaction that pulls it. */
export async function endPreviewLinks(tx: Tx, storyId: number): Promise<void> {
  await tx.update(previewLinks).set({ revokedAt: new Date() }).where(and(eq(previewLinks.storyId, storyId), isNull(previewLinks.revokedAt)));
}

export type PreviewTarget = { kind: "preview"; storyId: number } | { kind: "published"; path: string } | { kind: "invalid" };

export async function resolvePreviewToken(token: string, db: Db = getDb()): Promise<PreviewTarget> {
  if (!/^[A-Za-z0-9_-]{22}$/.test(token)) return { kind: "invalid" };
  const [row] = await db
    .select({ storyId: stories.id, status: stories.status, publishedAt: stories.publishedAt, trashedAt: stories.trashedAt, slug: stories.slug, sectionPath: sections.path })
    .from(previewLinks)
    .innerJoin(stories, eq(stories.id, previewLinks.storyId))
    .innerJoin(sections, eq(sections.id, stories.sectionId))
    .where(and(eq(previewLinks.tokenHash, hashToken(token)), isNull(previewLinks.revokedAt)));
  // A story in the trash is shown to no one outside the newsroom.
  if (!row || row.trashedAt) return { kind: "invalid" };
  if (isPublishedNow(row)) return { kind: "published", path: storyPath(row.sectionPath, row.slug) };
  return { kind: "preview", storyId: row.storyId };
}
