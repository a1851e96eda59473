import { expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/users";
import { readOnlyReason, type StoryOwnership } from "./permissions";

// A story opened read-only says why; one the person may edit has no reason.

const writer = { id: 3, role: "writer" } as CurrentUser;
const editor = { id: 4, role: "editor" } as CurrentUser;
const story = (patch: Partial<StoryOwnership>): StoryOwnership => ({ createdById: 3, status: "draft", publishedAt: null, ...patch });

it.each<[string, CurrentUser, Partial<StoryOwnership>, RegExp | null]>([
  ["a writer's own draft", writer, {}, null],
  ["a writer's own story in review", writer, { status: "review" }, null],
  ["a writer's own published story", writer, { status: "published", publishedAt: new Date() }, /is published, so only an editor can change it/],
  ["a writer's own scheduled story", writer, { status: "scheduled" }, /is scheduled/],
  ["another writer's published story", writer, { createdById: 9, status: "published" }, /another writer's story/],
  ["any story, for an editor", editor, { createdById: 9, status: "published" }, null],
])("%s", (_, user, patch, expected) => {
  const reason = readOnlyReason(user, story(patch));
  if (expected === null) expect(reason).toBeNull();
  else expect(reason).toMatch(expected);
});
