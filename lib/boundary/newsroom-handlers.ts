import { describe, it } from "vitest";
import { accountLinks, apiTokens, auditLog, authors, redirects, sections, stories, users } from "@/db/schema";
import * as authorActions from "@/app/editor/(newsroom)/authors/actions";
import * as sectionActions from "@/app/editor/(newsroom)/sections/actions";
import * as people from "@/app/editor/(newsroom)/people/actions";
import * as account from "@/app/editor/(newsroom)/account/actions";
import * as auth from "@/app/api/auth/[...nextauth]/route";
import { form } from "@/lib/actions/testing";
import { anyone, fc, hostileString, mutatedForm, numericText, propertyOptions } from "./arbitraries";
import { actionAnswerOf, answerOf, describeInput, forgetRateLimits, params, request } from "./testing";
import { PASSWORD, signIn, world } from "./world";

// The newsroom's own forms — sections, people, the account page — and the sign-in endpoint, sent
// hostile input: a message for a person, never an exception, and nothing stored when refused.

const sectionTables = [sections, redirects, stories, auditLog];
const peopleTables = [users, apiTokens, auditLog, accountLinks];
const authorTables = [authors, auditLog];
const unique = () => Math.random().toString(36).slice(2, 8);

export function newsroomHandlerSuite() {
  describe("section actions, sent hostile forms", () => {
    const fields = () =>
      fc.record({
        name: fc.constantFrom("Science", "Économie").map((name) => `${name} ${unique()}`),
        slug: fc.constantFrom("", `s-${unique()}`),
        parentId: fc.constantFrom("", String(world().sectionId)),
        description: fc.constantFrom("", "About it."),
      });

    it("createSectionAction", async () => {
      const { db } = world();
      await fc.assert(
        fc.asyncProperty(anyone, mutatedForm(fields()), async (role, sent) => {
          signIn(role);
          await actionAnswerOf(db, sectionTables, () => sectionActions.createSectionAction({}, sent), `${role} create ${describeInput(sent)}`);
        }),
        // A parent past PostgreSQL's integers; NUL in the name (the property's first find).
        { ...propertyOptions, examples: [["admin", form({ name: `Far ${unique()}`, parentId: "2147483648" })], ["admin", form({ name: "Nul\u0000" })]] },
      );
    });

    it("updateSectionAction and moveSectionAction", async () => {
      const { db, sectionId, childSectionId } = world();
      const update = mutatedForm(fields().map((fields) => ({ ...fields, sectionId: String(childSectionId), name: "World", slug: "world", parentId: String(sectionId) })));
      const move = mutatedForm(fc.record({ sectionId: fc.constantFrom(String(sectionId), String(childSectionId)), direction: fc.constantFrom("up", "down") }));
      const far = form({ sectionId: String(childSectionId), name: "World", slug: "world", parentId: "2147483648" });
      await fc.assert(
        fc.asyncProperty(anyone, update, move, async (role, updateForm, moveForm) => {
          signIn(role);
          await actionAnswerOf(db, sectionTables, () => sectionActions.updateSectionAction({}, updateForm), `${role} update ${describeInput(updateForm)}`);
          await actionAnswerOf(db, sectionTables, () => sectionActions.moveSectionAction({}, moveForm), `${role} move ${describeInput(moveForm)}`);
        }),
        { ...propertyOptions, examples: [["admin", far, form({ sectionId: "1", direction: "up" })]] },
      );
    });
  });

  describe("author actions, sent hostile forms", () => {
    const fields = () =>
      fc.record({
        name: fc.constantFrom("Dana Reyes", "Zoë Ng").map((name) => `${name} ${unique()}`),
        slug: fc.constantFrom("", `a-${unique()}`),
        title: fc.constantFrom("", "Reporter"),
        bio: fc.constantFrom("", "Writes."),
        photoMediaId: fc.constantFrom("", String(world().mediaId)),
        links: fc.constantFrom("", "Site https://example.org/", "Bad javascript:alert(1)"),
        userId: fc.constantFrom("", String(world().targetUserId)),
      });

    it("createAuthorAction and updateAuthorAction", async () => {
      const { db, authorId } = world();
      const update = mutatedForm(fields().map((fields) => ({ ...fields, authorId: String(authorId), userId: "" })));
      const far = form({ authorId: String(authorId), name: "Far", photoMediaId: "2147483648" });
      await fc.assert(
        fc.asyncProperty(anyone, mutatedForm(fields()), update, async (role, createForm, updateForm) => {
          signIn(role);
          await actionAnswerOf(db, authorTables, () => authorActions.createAuthorAction({}, createForm), `${role} create ${describeInput(createForm)}`);
          await actionAnswerOf(db, authorTables, () => authorActions.updateAuthorAction({}, updateForm), `${role} update ${describeInput(updateForm)}`);
        }),
        { ...propertyOptions, examples: [["editor", form({ name: "Nul\u0000" }), far]] },
      );
    });
  });

  describe("people and account actions, sent hostile forms", () => {
    const someone = () => fc.oneof(fc.constant(String(world().targetUserId)), numericText, hostileString);

    it("invitePersonAction and updatePersonAction", async () => {
      const { db } = world();
      const person = fc.record({
        name: fc.constantFrom("New Person", "Zoë"),
        email: fc.constant("").map(() => `p-${unique()}@boundary.test`),
        role: fc.constantFrom("writer", "editor", "admin"),
      });
      const details = fc.record({ userId: someone(), name: fc.constantFrom("Renamed Person", "Zoë"), email: fc.constant("").map(() => `e-${unique()}@boundary.test`) });
      await fc.assert(
        fc.asyncProperty(anyone, mutatedForm(person), mutatedForm(details), async (role, sent, edit) => {
          signIn(role);
          await actionAnswerOf(db, peopleTables, () => people.invitePersonAction({}, sent), `${role} invite ${describeInput(sent)}`);
          await actionAnswerOf(db, peopleTables, () => people.updatePersonAction({}, edit), `${role} edit ${describeInput(edit)}`);
        }),
        propertyOptions,
      );
    });

    it("changeRoleAction, setDisabledAction and resetLinkAction", async () => {
      const { db } = world();
      const forms = fc.tuple(
        mutatedForm(fc.record({ userId: someone(), role: fc.constantFrom("writer", "editor") })),
        mutatedForm(fc.record({ userId: someone(), disabled: fc.constantFrom("true", "false") })),
        mutatedForm(fc.record({ userId: someone() })),
      );
      await fc.assert(
        fc.asyncProperty(anyone, forms, async (role, [roleForm, disableForm, resetForm]) => {
          signIn(role);
          await actionAnswerOf(db, peopleTables, () => people.changeRoleAction({}, roleForm), `${role} role ${describeInput(roleForm)}`);
          await actionAnswerOf(db, peopleTables, () => people.setDisabledAction({}, disableForm), `${role} disable ${describeInput(disableForm)}`);
          await actionAnswerOf(db, peopleTables, () => people.resetLinkAction({}, resetForm), `${role} reset ${describeInput(resetForm)}`);
        }),
        propertyOptions,
      );
    });

    it("changePasswordAction, createTokenAction and revokeTokenAction", async () => {
      const { db, tokenId } = world();
      const forms = fc.tuple(
        mutatedForm(fc.record({ currentPassword: fc.constantFrom(PASSWORD, "wrong-password-here"), newPassword: fc.constant(PASSWORD), confirmPassword: fc.constant(PASSWORD) })),
        mutatedForm(fc.record({ name: fc.constantFrom("wire ingest", "Zoë's script") })),
        mutatedForm(fc.record({ tokenId: fc.oneof(fc.constant(String(tokenId)), numericText) })),
      );
      await fc.assert(
        fc.asyncProperty(anyone, forms, async (role, [passwordForm, tokenForm, revokeForm]) => {
          signIn(role);
          await actionAnswerOf(db, peopleTables, () => account.changePasswordAction({}, passwordForm), `${role} password ${describeInput(passwordForm)}`);
          await actionAnswerOf(db, peopleTables, () => account.createTokenAction({}, tokenForm), `${role} token ${describeInput(tokenForm)}`);
          await actionAnswerOf(db, peopleTables, () => account.revokeTokenAction({}, revokeForm), `${role} revoke ${describeInput(revokeForm)}`);
        }),
        propertyOptions,
      );
    });
  });

  describe("the sign-in endpoint, sent hostile credentials", () => {
    it("POST /api/auth/callback/credentials", async () => {
      const { db, users: staff } = world();
      const credentials = mutatedForm(fc.record({ email: fc.constantFrom(staff.writer.email, "nobody@boundary.test"), password: fc.constantFrom(PASSWORD, "wrong") }));
      // NUL in the address broke the throttle's lookup (the property's first find).
      const nul = [[form({ email: "nul\u0000@boundary.test", password: "wrong" })], [form({ email: "\uD800@boundary.test", password: "\u0000" })]];
      await fc.assert(
        fc.asyncProperty(credentials, async (sent) => {
          await forgetRateLimits(db);
          const body = new URLSearchParams([...sent.entries()].map(([key, value]) => [key, String(value)])).toString();
          const headers = { "content-type": "application/x-www-form-urlencoded" };
          const call = () => auth.POST(request("POST", "/api/auth/callback/credentials", { body, headers }), params({ nextauth: ["callback", "credentials"] }));
          await answerOf(db, [users], call, `sign-in ${describeInput(body)}`);
        }),
        { ...propertyOptions, examples: nul as [FormData][] },
      );
    });
  });
}
