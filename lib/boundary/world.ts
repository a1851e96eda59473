import sharp from "sharp";
import { createAuthor, createSection, createStory } from "@/lib/testing/fixtures";
import type { Db } from "@/db/client";
import { apiTokens, comments, liveShows, liveStreams, media } from "@/db/schema";
import { createNewsroomUsers } from "@/lib/actions/testing";
import { createUser, type CurrentUser, type Role } from "@/lib/auth/users";
import { signInAs } from "@/lib/testing/signed-in";

// What the boundary suites share: one small newsroom (people, sections, stories, a comment, the
// live streams, an image, a token) made once per test file, and who is signed in (the session
// mock of lib/testing/setup.ts answers with that person).

export const PASSWORD = "a-long-test-password";

/** Signs in as the world's person with `role`, or signs out (null). */
export function signIn(role: Role | null): void {
  signInAs(role ? world().users[role] : null);
}

export interface World {
  db: Db;
  users: Record<Role, CurrentUser>;
  targetUserId: number;
  sectionId: number;
  childSectionId: number;
  authorId: number;
  mediaId: number;
  /** The writer's draft. */
  draftId: number;
  /** Published, and the workflow suite may unpublish it. */
  publishedId: number;
  /** Published, open for comments, and left so. */
  commentedId: number;
  parentCommentId: number;
  streamId: number;
  showId: number;
  tokenId: number;
  /** An 8 × 8 PNG to upload. */
  png: Uint8Array<ArrayBuffer>;
}

let made: World | undefined;

export function world(): World {
  if (!made) throw new Error("Create the world in beforeAll first");
  return made;
}

export async function createWorld(db: Db, label: string): Promise<World> {
  const people = await createNewsroomUsers(label, ["admin", "editor", "writer"]);
  const targetUserId = (await createUser({ email: `target@${label}.test`, name: "Target", role: "writer", password: PASSWORD })).id;
  const sectionId = await createSection(db, "news", "News");
  const childSectionId = await createSection(db, "news/world", "World");
  const authorId = await createAuthor(db, "Boundary Author");
  const [image] = await db
    .insert(media)
    .values({ storageKey: "2026/01/0123456789abcdef0123456789abcdef.png", mimeType: "image/png", width: 8, height: 8, bytes: 100, alt: "A square" })
    .returning({ id: media.id });
  const story = (values: Parameters<typeof createStory>[1]) => createStory(db, values, { authorIds: [authorId] }).then((row) => row.id);
  const draftId = await story({ sectionId, status: "draft", publishedAt: null, createdById: people.writer.id });
  const publishedId = await story({ sectionId: childSectionId, createdById: people.editor.id });
  const commentedId = await story({ sectionId, slug: "open-for-comments", createdById: people.editor.id });
  const [parent] = await db.insert(comments).values({ storyId: commentedId, status: "approved", authorName: "First", body: "The first word." }).returning({ id: comments.id });
  const [stream] = await db
    .insert(liveStreams)
    .values([
      { slug: "video", kind: "video", title: "Live TV", url: "/live/demo/video/index.m3u8", status: "on_air" },
      { slug: "audio", kind: "audio", title: "Radio", url: "", status: "off_air" },
    ])
    .returning({ id: liveStreams.id });
  const [show] = await db
    .insert(liveShows)
    .values({ streamId: stream!.id, title: "Standing Show", startsAt: new Date("2030-01-01T10:00:00Z"), endsAt: new Date("2030-01-01T11:00:00Z") })
    .returning({ id: liveShows.id });
  const [token] = await db.insert(apiTokens).values({ userId: people.writer.id, name: "script", tokenHash: "0".repeat(64) }).returning({ id: apiTokens.id });
  const png = new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 0, g: 90, b: 200 } } }).png().toBuffer());
  made = {
    db,
    users: people,
    targetUserId,
    sectionId,
    childSectionId,
    authorId,
    mediaId: image!.id,
    draftId,
    publishedId,
    commentedId,
    parentCommentId: parent!.id,
    streamId: stream!.id,
    showId: show!.id,
    tokenId: token!.id,
    png,
  };
  return made;
}
