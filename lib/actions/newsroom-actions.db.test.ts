import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthor, createSection, documentOf } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createApiToken } from "@/lib/auth/api-tokens";
import { createUser, type CurrentUser, type Role } from "@/lib/auth/users";
import { createStory } from "@/lib/stories/commands";
import { createNewsroomUsers, expectedOutcomes, form, outcomesByRole, type MatrixRole } from "./testing";
import * as people from "@/app/editor/(newsroom)/people/actions";
import * as account from "@/app/editor/(newsroom)/account/actions";
import * as sections from "@/app/editor/(newsroom)/sections/actions";
import * as revisions from "@/app/editor/(newsroom)/stories/[id]/revisions/actions";
import { signInAs } from "@/lib/testing/signed-in";

// The role × action matrix for the newsroom's server actions: each is called as anonymous,
// writer, editor and admin, the way a form would, and must refuse whoever may not use it.

let test: TestDatabase;
let users: Record<Role, CurrentUser>;
let targetUserId = 0;
let target: CurrentUser;
let sectionId = 0;
let storyId = 0;

beforeAll(async () => {
  test = await createTestDatabase();
  users = await createNewsroomUsers("matrix", ["admin", "editor", "writer"]);
  const targetUser = await createUser({ email: "target@matrix.test", name: "Target", role: "writer", password: "a-long-test-password" });
  targetUserId = targetUser.id;
  target = { id: targetUser.id, email: targetUser.email, name: targetUser.name, role: targetUser.role };
  sectionId = await createSection(test.db, "news", "News");
  const authorId = await createAuthor(test.db, "Matrix Author");
  storyId = (await createStory(users.editor, { headline: "Matrix story", sectionId, authorIds: [authorId], body: documentOf("Text.") })).id;
});

afterAll(async () => {
  await test.dispose();
});

const actions: Record<string, { call: () => Promise<{ error?: string }>; allowed: MatrixRole[] }> = {
  "people: invite a person": {
    call: () => people.invitePersonAction({}, form({ name: "New Person", email: `new-${Math.random()}@matrix.test`, role: "writer" })),
    allowed: ["admin"],
  },
  "people: withdraw an invitation": { call: () => people.revokeInvitationAction({}, form({ invitationId: 1 })), allowed: ["admin"] },
  "people: edit name and e-mail": {
    call: () => people.updatePersonAction({}, form({ userId: targetUserId, name: "Target", email: "target@matrix.test" })),
    allowed: ["admin"],
  },
  "people: turn off someone's two-factor sign-in": { call: () => people.resetTwoFactorAction({}, form({ userId: targetUserId })), allowed: ["admin"] },
  "people: change a role": { call: () => people.changeRoleAction({}, form({ userId: targetUserId, role: "writer" })), allowed: ["admin"] },
  "people: disable": { call: () => people.setDisabledAction({}, form({ userId: targetUserId, disabled: "false" })), allowed: ["admin"] },
  "people: make a password reset link": { call: () => people.resetLinkAction({}, form({ userId: targetUserId })), allowed: ["admin"] },
  "sections: create": { call: () => sections.createSectionAction({}, form({ name: `Section ${Math.random().toString(36).slice(2, 7)}` })), allowed: ["admin"] },
  "sections: update": { call: () => sections.updateSectionAction({}, form({ sectionId, name: "News", slug: "news" })), allowed: ["admin"] },
  "sections: move": { call: () => sections.moveSectionAction({}, form({ sectionId, direction: "down" })), allowed: ["admin"] },
  "account: create a token": { call: () => account.createTokenAction({}, form({ name: "script", expiresIn: "30" })), allowed: ["writer", "editor", "admin"] },
  "people: revoke someone's token": {
    call: async () => people.revokePersonTokenAction({}, form({ tokenId: await targetsToken() })),
    allowed: ["admin"],
  },
  "account: revoke someone else's token": {
    call: async () => account.revokeTokenAction({}, form({ tokenId: await targetsToken() })),
    allowed: ["admin"],
  },
  "revisions: restore": {
    // The story is the editor's draft: writers may not edit it.
    call: async () => revisions.restoreRevisionAction({}, form({ storyId, revision: 1, baseRevision: await currentRevision() })),
    allowed: ["editor", "admin"],
  },
};

/** A fresh live token of the target person, so each role meets one. */
async function targetsToken() {
  return (await createApiToken(target, { name: "target's script", expiresInDays: 30 })).id;
}

async function currentRevision() {
  const { getStoryForEditing } = await import("@/lib/stories/editor-queries");
  return (await getStoryForEditing(storyId))!.revision;
}

const REFUSED = /do not have permission|cannot edit|session has ended/i;

describe("newsroom server actions", () => {
  for (const [name, { call, allowed }] of Object.entries(actions)) {
    it(`${name}: only ${allowed.join(", ")}`, async () => {
      const outcome = await outcomesByRole(async (role) => {
        signInAs(role === "anonymous" ? null : users[role]);
        return call();
      }, REFUSED);
      expect(outcome).toEqual(expectedOutcomes(allowed));
    });
  }

  it("answers bad input with messages per field, writing nothing", async () => {
    signInAs(users.admin);
    const result = await people.invitePersonAction({}, form({ name: "", email: "not-an-email", role: "chief" }));
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["email", "name", "role"]);
    expect(result.values).toMatchObject({ email: "not-an-email" });
  });
});
