import { describe, it } from "vitest";
import { auditLog, liveShows, liveStreams, media } from "@/db/schema";
import * as desk from "@/app/api/admin/live/route";
import * as streamRoute from "@/app/api/admin/live/streams/[id]/route";
import * as showsRoute from "@/app/api/admin/live/streams/[id]/shows/route";
import * as showRoute from "@/app/api/admin/live/shows/[id]/route";
import * as overview from "@/app/api/live/route";
import * as link from "@/app/api/live/[slug]/route";
import * as deskActions from "@/app/editor/(newsroom)/live/actions";
import * as library from "@/app/api/admin/media/route";
import * as libraryItem from "@/app/api/admin/media/[id]/route";
import * as mediaActions from "@/app/editor/(newsroom)/media/actions";
import * as files from "@/app/media/[...key]/route";
import { anyone, fc, hostileFormValue, hostileQuery, hostileString, mutated, mutatedForm, pathId, propertyOptions } from "./arbitraries";
import { actionAnswerOf, answerOf, describeInput, params, request } from "./testing";
import { signIn, world } from "./world";

// The live desk (its admin API and its forms), the readers' live endpoints, the media library's
// API and the uploaded files' route, sent hostile input: never a 500 (a 503 only for a stream off
// air), and nothing stored when refused.

const liveTables = [liveStreams, liveShows, auditLog];
const mediaTables = [media, auditLog];
/** An hour of programme somewhere in 2031–2036, so valid shows rarely overlap. */
const slot = fc.integer({ min: 0, max: 50_000 }).map((hours) => new Date(Date.UTC(2031, 0, 1) + hours * 3600_000));
const local = (date: Date) => date.toISOString().slice(0, 16);

function validStream() {
  return fc.record({
    title: fc.constantFrom("Live TV", "Télé"),
    url: fc.constantFrom("/live/demo/video/index.m3u8", "https://cdn.example/live.m3u8"),
    status: fc.constantFrom("on_air", "off_air"),
    posterMediaId: fc.constantFrom(null, world().mediaId),
  });
}

const validShow = () => slot.map((start) => ({ title: "Morning", description: "News and weather.", startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3600_000).toISOString() }));

export function deskHandlerSuite() {
  describe("the live admin API, sent hostile input", () => {
    it("GET /api/admin/live", async () => {
      const { db } = world();
      await fc.assert(
        fc.asyncProperty(anyone, hostileQuery(["from"]), async (role, query) => {
          signIn(role);
          await answerOf(db, liveTables, () => desk.GET(request("GET", "/api/admin/live", { query }), params({})), `${role} desk ${describeInput(query)}`);
        }),
        propertyOptions,
      );
    });

    it("PATCH /api/admin/live/streams/:id", async () => {
      const { db, streamId } = world();
      await fc.assert(
        fc.asyncProperty(anyone, pathId(streamId), mutated(validStream()), async (role, id, input) => {
          signIn(role);
          const call = () => streamRoute.PATCH(request("PATCH", `/api/admin/live/streams/${id}`, { json: input }), params({ id }));
          await answerOf(db, liveTables, call, `${role} PATCH ${id} ${describeInput(input)}`);
        }),
        { ...propertyOptions, examples: [["editor", String(streamId), { title: "Live TV", posterMediaId: 2 ** 31 }]] },
      );
    });

    it("POST /api/admin/live/streams/:id/shows and DELETE /api/admin/live/shows/:id", async () => {
      const { db, streamId, showId } = world();
      await fc.assert(
        fc.asyncProperty(anyone, pathId(streamId), mutated(validShow()), pathId(showId), async (role, id, input, show) => {
          signIn(role);
          const add = () => showsRoute.POST(request("POST", `/api/admin/live/streams/${id}/shows`, { json: input }), params({ id }));
          await answerOf(db, liveTables, add, `${role} POST ${id}/shows ${describeInput(input)}`);
          await answerOf(db, liveTables, () => showRoute.DELETE(request("DELETE", `/api/admin/live/shows/${show}`), params({ id: show })), `${role} DELETE ${show}`);
        }),
        propertyOptions,
      );
    });

    it("PATCH /api/admin/live/shows/:id", async () => {
      const { db, showId } = world();
      await fc.assert(
        fc.asyncProperty(anyone, pathId(showId), mutated(validShow()), async (role, id, input) => {
          signIn(role);
          const call = () => showRoute.PATCH(request("PATCH", `/api/admin/live/shows/${id}`, { json: input }), params({ id }));
          await answerOf(db, liveTables, call, `${role} PATCH show ${id} ${describeInput(input)}`);
        }),
        propertyOptions,
      );
    });

    it("GET /api/live and /api/live/:slug", async () => {
      const { db } = world();
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.constantFrom("video", "audio"), hostileString), async (slug) => {
          await answerOf(db, liveTables, () => overview.GET(), "overview");
          await answerOf(db, liveTables, () => link.GET(request("GET", `/api/live/${slug}`), params({ slug })), `link ${describeInput(slug)}`, true);
        }),
        propertyOptions,
      );
    });
  });

  describe("the live desk's actions, sent hostile forms", () => {
    it("updateStreamAction", async () => {
      const { db, streamId } = world();
      const sent = mutatedForm(validStream().map(({ posterMediaId, ...stream }) => ({ ...stream, streamId: String(streamId), posterMediaId: posterMediaId ? String(posterMediaId) : "" })));
      await fc.assert(
        fc.asyncProperty(anyone, sent, async (role, data) => {
          signIn(role);
          await actionAnswerOf(db, liveTables, () => deskActions.updateStreamAction({}, data), `${role} stream ${describeInput(data)}`);
        }),
        propertyOptions,
      );
    });

    it("addShowAction and deleteShowAction", async () => {
      const { db, streamId, showId } = world();
      const add = mutatedForm(slot.map((start) => ({ streamId: String(streamId), title: "Evening", description: "", startsAt: local(start), endsAt: local(new Date(start.getTime() + 3600_000)) })));
      const remove = mutatedForm({ showId: String(showId) });
      await fc.assert(
        fc.asyncProperty(anyone, add, remove, async (role, addForm, removeForm) => {
          signIn(role);
          await actionAnswerOf(db, liveTables, () => deskActions.addShowAction({}, addForm), `${role} add ${describeInput(addForm)}`);
          await actionAnswerOf(db, liveTables, () => deskActions.deleteShowAction({}, removeForm), `${role} delete ${describeInput(removeForm)}`);
        }),
        propertyOptions,
      );
    });

    it("addShowAction repeating a show, and editShowAction", async () => {
      const { db, streamId, showId } = world();
      const times = (start: Date) => ({ startsAt: local(start), endsAt: local(new Date(start.getTime() + 3600_000)) });
      const repeat = mutatedForm(
        slot.map((start) => ({ streamId: String(streamId), title: "Nightly", description: "", ...times(start), every: "daily", times: "3", until: "" })),
      );
      const edit = mutatedForm(slot.map((start) => ({ showId: String(showId), title: "Renamed", description: "", ...times(start) })));
      await fc.assert(
        fc.asyncProperty(anyone, repeat, edit, async (role, repeatForm, editForm) => {
          signIn(role);
          await actionAnswerOf(db, liveTables, () => deskActions.addShowAction({}, repeatForm), `${role} repeat ${describeInput(repeatForm)}`);
          await actionAnswerOf(db, liveTables, () => deskActions.editShowAction({}, editForm), `${role} edit ${describeInput(editForm)}`);
        }),
        propertyOptions,
      );
    });
  });

  describe("the media API, sent hostile input", () => {
    it("POST /api/admin/media", async () => {
      const { db, png } = world();
      const details = mutatedForm(fc.record({ alt: fc.constantFrom("A blue square", "Un carré bleu"), caption: fc.constantFrom("", "Blue."), credit: fc.constantFrom("", "Desk") }));
      const file = fc.oneof({ arbitrary: fc.constant("image"), weight: 4 }, hostileFormValue);
      await fc.assert(
        fc.asyncProperty(anyone, details, file, async (role, sent, upload) => {
          signIn(role);
          sent.set("file", upload === "image" ? new File([png], "square.png", { type: "image/png" }) : upload);
          await answerOf(db, mediaTables, () => library.POST(request("POST", "/api/admin/media", { body: sent }), params({})), `${role} upload ${describeInput(sent)}`);
        }),
        propertyOptions,
      );
    });

    it("PATCH /api/admin/media/:id and updateMediaDetailsAction", async () => {
      const { db, mediaId } = world();
      const words = fc.record({ alt: fc.constantFrom("A blue square", "Un carré bleu"), caption: fc.constantFrom("", "Blue."), credit: fc.constantFrom("", "Desk") });
      const form = mutatedForm(words.map((fields) => ({ mediaId: String(mediaId), ...fields })));
      await fc.assert(
        fc.asyncProperty(anyone, pathId(mediaId), mutated(words), form, async (role, id, input, sent) => {
          signIn(role);
          const call = () => libraryItem.PATCH(request("PATCH", `/api/admin/media/${id}`, { json: input }), params({ id }));
          await answerOf(db, mediaTables, call, `${role} PATCH ${id} ${describeInput(input)}`);
          await actionAnswerOf(db, mediaTables, () => mediaActions.updateMediaDetailsAction({}, sent), `${role} words ${describeInput(sent)}`);
        }),
        propertyOptions,
      );
    });

    it("GET /api/admin/media and /media/:key", async () => {
      const { db } = world();
      const key = fc.array(fc.oneof(fc.constantFrom("2026", "01", "..", "0123456789abcdef0123456789abcdef.png"), hostileString), { minLength: 1, maxLength: 4 });
      await fc.assert(
        fc.asyncProperty(anyone, hostileQuery(["q", "before"]), key, async (role, query, segments) => {
          signIn(role);
          await answerOf(db, mediaTables, () => library.GET(request("GET", "/api/admin/media", { query }), params({})), `${role} library ${describeInput(query)}`);
          await answerOf(db, mediaTables, () => files.GET(request("GET", "/media/x"), params({ key: segments })), `file ${describeInput(segments)}`);
        }),
        propertyOptions,
      );
    });
  });
}
