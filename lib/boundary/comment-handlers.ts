import { describe, it } from "vitest";
import { auditLog, comments, settings } from "@/db/schema";
import * as route from "@/app/api/stories/[id]/comments/route";
import * as tokenRoute from "@/app/api/comments/token/route";
import * as queue from "@/app/editor/(newsroom)/comments/actions";
import { issueFormToken } from "@/lib/comments/form-token";
import { anyone, fc, hostileQuery, hostileString, mutated, mutatedForm, numericText, pathId, propertyOptions } from "./arbitraries";
import { form } from "@/lib/actions/testing";
import { actionAnswerOf, answerOf, describeInput, forgetRateLimits, params, request } from "./testing";
import { signIn, world } from "./world";

// The comments API (what readers, apps and scripts send) and the moderation queue's actions,
// sent hostile input: never a 500, and a refused post or decision stores nothing.

const tables = [comments, settings, auditLog];
let address = 0;

/** A new address for each post, and no counter carried over: limits are not what this is about. */
async function freshSender() {
  await forgetRateLimits(world().db);
  return `198.51.100.${address++ % 250}`;
}

function validComment() {
  return fc.record({
    name: fc.constantFrom("Reader", "Zoë Ångström"),
    email: fc.constantFrom("", "reader@example.org"),
    body: fc.string({ minLength: 1, maxLength: 30 }).map((s) => `A thought: ${s}`),
    parentId: fc.constantFrom("", String(world().parentCommentId)),
    idempotencyKey: fc.constantFrom("", "retry-key-123456"),
    formToken: fc.constant(issueFormToken(Date.now() - 10_000)),
    website: fc.constant(""),
  });
}

const contentTypes = fc.constantFrom("application/json", "application/json; charset=utf-8", "application/x-www-form-urlencoded", "text/plain", "multipart/form-data");

export function commentHandlerSuite() {
  describe("the comments API, sent hostile input", () => {
    it("POST /api/stories/:id/comments as JSON", async () => {
      const { db, commentedId } = world();
      const reply = { name: "Reader", body: `Reply ${Math.random()}`, parentId: 2 ** 31 };
      await fc.assert(
        fc.asyncProperty(pathId(commentedId), mutated(validComment()), contentTypes, async (id, input, type) => {
          const headers = { "content-type": type, "x-meridian-client-ip": await freshSender() };
          const call = () => route.POST(request("POST", `/api/stories/${id}/comments`, { json: input, headers }), params({ id }));
          await answerOf(db, tables, call, `POST ${id} ${type} ${describeInput(input)}`);
        }),
        { ...propertyOptions, examples: [[String(commentedId), reply, "application/json"]] },
      );
    });

    it("POST /api/stories/:id/comments as the article's form", async () => {
      const { db, commentedId } = world();
      const encoded = mutatedForm(validComment()).map((data) => new URLSearchParams([...data.entries()].map(([key, value]) => [key, String(value)])).toString());
      const raw = fc.string({ unit: "binary", maxLength: 60 });
      const story = fc.oneof({ arbitrary: fc.constant(String(commentedId)), weight: 4 }, pathId());
      await fc.assert(
        fc.asyncProperty(story, fc.oneof({ arbitrary: encoded, weight: 4 }, raw), async (id, body) => {
          const headers = { "content-type": "application/x-www-form-urlencoded", "x-meridian-client-ip": await freshSender() };
          const call = () => route.POST(request("POST", `/api/stories/${id}/comments`, { body, headers }), params({ id }));
          await answerOf(db, tables, call, `form ${id} ${describeInput(body)}`);
        }),
        { ...propertyOptions, examples: [[String(commentedId), `name=Reader&body=Reply+${Date.now()}&parentId=2147483648`]] },
      );
    });

    it("GET /api/stories/:id/comments and /api/comments/token", async () => {
      const { db, commentedId } = world();
      await fc.assert(
        fc.asyncProperty(pathId(commentedId), hostileQuery(["cursor"]), async (id, query) => {
          await answerOf(db, tables, () => route.GET(request("GET", `/api/stories/${id}/comments`, { query }), params({ id })), `GET ${id} ${describeInput(query)}`);
          await answerOf(db, tables, async () => tokenRoute.GET(), "token");
        }),
        propertyOptions,
      );
    });
  });

  describe("the moderation queue's actions, sent hostile forms", () => {
    it("moderateCommentsAction", async () => {
      const { db, parentCommentId } = world();
      const decisions = fc.constantFrom("approve", "spam", "remove", "restore");
      // The bulk buttons send the decision; a row's own button sends "approve:12".
      const decision = fc.oneof(decisions, fc.tuple(decisions, fc.oneof(numericText, hostileString)).map(([action, id]) => `${action}:${id}`), hostileString);
      const ids = fc.array(fc.oneof({ arbitrary: fc.constant(String(parentCommentId)), weight: 2 }, numericText, hostileString), { maxLength: 4 });
      await fc.assert(
        fc.asyncProperty(anyone, decision, ids, async (role, action, selected) => {
          signIn(role);
          const sent = form([["action", action], ...selected.map((id): [string, string] => ["ids", id])]);
          await actionAnswerOf(db, tables, () => queue.moderateCommentsAction({}, sent), `${role} ${action} ${describeInput(selected)}`);
        }),
        { ...propertyOptions, examples: [["editor", "approve", ["2147483648"]], ["editor", "spam:2147483648", []]] },
      );
    });

    it("saveCommentSettingsAction", async () => {
      const { db } = world();
      const valid = fc.record({
        premoderation: fc.constantFrom("none", "first-time", "everyone"),
        closeAfterDays: fc.constantFrom("14", "365"),
        blockedWords: fc.constantFrom("", "casino\ncheap pills"),
      });
      const nul = form({ premoderation: "none", closeAfterDays: "14", blockedWords: "casino\nnul\u0000" });
      await fc.assert(
        fc.asyncProperty(anyone, mutatedForm(valid), async (role, sent) => {
          signIn(role);
          await actionAnswerOf(db, tables, () => queue.saveCommentSettingsAction({}, sent), `${role} settings ${describeInput(sent)}`);
        }),
        { ...propertyOptions, examples: [["editor", nul]] },
      );
    });
  });
}
