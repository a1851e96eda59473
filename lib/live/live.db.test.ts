import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveShows, liveStreams } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createUser, type CurrentUser } from "@/lib/auth/users";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { createApiToken } from "@/lib/auth/api-tokens";
import { media } from "@/db/schema";
import { NextRequest } from "next/server";
import { addShow, deleteShow, updateStream } from "./commands";
import { getLiveOverview } from "./queries";
import * as liveRoute from "@/app/api/live/route";
import * as streamRoute from "@/app/api/live/[slug]/route";
import * as adminLive from "@/app/api/admin/live/route";
import * as adminStream from "@/app/api/admin/live/streams/[id]/route";
import * as adminShows from "@/app/api/admin/live/streams/[id]/shows/route";
import * as adminShow from "@/app/api/admin/live/shows/[id]/route";

let test: TestDatabase;
let editor: CurrentUser;
let writer: CurrentUser;
let videoId: number;
const hour = 3600_000;
const at = (hours: number) => new Date(Date.now() + hours * hour);

beforeAll(async () => {
  test = await createTestDatabase();
  const e = await createUser({ email: "e@live.test", name: "Live Editor", role: "editor", password: "a-long-test-password" });
  const w = await createUser({ email: "w@live.test", name: "Live Writer", role: "writer", password: "a-long-test-password" });
  editor = { id: e.id, email: e.email, name: e.name, role: e.role };
  writer = { id: w.id, email: w.email, name: w.name, role: w.role };
  const [video] = await test.db
    .insert(liveStreams)
    .values([
      { slug: "video", kind: "video", title: "Live TV", url: "/live/demo/video/index.m3u8", status: "on_air" },
      { slug: "audio", kind: "audio", title: "Radio", url: "", status: "off_air" },
    ])
    .returning({ id: liveStreams.id });
  videoId = video!.id;
  await test.db.insert(liveShows).values([
    { streamId: videoId, title: "Now Show", startsAt: at(-1), endsAt: at(1) },
    { streamId: videoId, title: "Next Show", startsAt: at(1), endsAt: at(2) },
  ]);
});

afterAll(async () => {
  await test.dispose();
});

describe("streams and schedule", () => {
  it("knows the show on now and the next one", async () => {
    const [video, audio] = await getLiveOverview();
    expect(video).toMatchObject({ slug: "video", playable: true, now: { title: "Now Show" }, next: { title: "Next Show" } });
    expect(audio).toMatchObject({ slug: "audio", playable: false, now: null });
  });

  it.each([
    [{ title: "Live TV", url: "http://cdn.example/live.m3u8", status: "on_air" }, "url"],
    [{ title: "Live TV", url: "javascript:alert(1)", status: "on_air" }, "url"],
    [{ title: "Live TV", url: "//evil.example/x.m3u8", status: "on_air" }, "url"],
    // URL parsers read a backslash as a slash: "/\\evil.example" would be another host.
    [{ title: "Live TV", url: "/\\evil.example/x.m3u8", status: "on_air" }, "url"],
    [{ title: "Live TV", url: "/live/\\x.m3u8", status: "on_air" }, "url"],
    [{ title: "Live TV", url: "relative/path.m3u8", status: "on_air" }, "url"],
    [{ title: "Live TV", url: "", status: "on_air" }, "url"],
    [{ title: "", url: "https://cdn.example/live.m3u8", status: "on_air" }, "title"],
    [{ title: "Live TV", url: "https://cdn.example/live.m3u8", status: "sometimes" }, "status"],
  ])("refuses stream %j with a message on %s", async (input, field) => {
    const error = await updateStream(editor, videoId, input).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors ?? {})).toContain(field);
  });

  it("accepts https addresses and paths on this site", async () => {
    expect((await updateStream(editor, videoId, { title: "Live TV", url: "https://cdn.example/live.m3u8", status: "on_air" })).url).toBe("https://cdn.example/live.m3u8");
    expect((await updateStream(editor, videoId, { title: "Live TV", url: "/live/demo/video/index.m3u8", status: "on_air" })).url).toBe("/live/demo/video/index.m3u8");
  });

  it.each([
    [{ title: "Backwards", startsAt: at(5), endsAt: at(4) }, "endsAt"],
    [{ title: "Overlap", startsAt: at(1.5), endsAt: at(3) }, "startsAt"],
    [{ title: "Marathon", startsAt: at(10), endsAt: at(40) }, "endsAt"],
    [{ title: "No start", startsAt: "soon", endsAt: at(6) }, "startsAt"],
    // JavaScript dates reach far beyond what PostgreSQL stores: refused, not a failed insert.
    [{ title: "Ancient", startsAt: "-005000-01-01T00:00:00Z", endsAt: "-005000-01-01T01:00:00Z" }, "startsAt"],
    [{ title: "Far future", startsAt: "+010000-01-01T00:00:00Z", endsAt: "+010000-01-01T01:00:00Z" }, "startsAt"],
    [{ title: "", startsAt: at(6), endsAt: at(7) }, "title"],
  ])("refuses show %j with a message on %s", async (input, field) => {
    const error = await addShow(editor, videoId, input).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors ?? {})).toContain(field);
  });

  it("answers an unknown stream as bad input (422) naming the stream", async () => {
    for (const error of [
      await updateStream(editor, 987_654, { status: "off_air" }).catch((e) => e),
      await addShow(editor, 987_654, { title: "Lost", startsAt: at(50), endsAt: at(51) }).catch((e) => e),
    ]) {
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ status: 422, fieldErrors: { streamId: "There is no such stream." } });
    }
  });

  it("keeps the fields a change leaves out, and sets a poster from the library", async () => {
    const before = (await getLiveOverview())[0]!;
    const [image] = await test.db
      .insert(media)
      .values({ storageKey: "2026/11/0123456789abcdef0123456789abcdef.jpg", mimeType: "image/jpeg", width: 1280, height: 720, bytes: 1000, alt: "A test card" })
      .returning({ id: media.id });
    const saved = await updateStream(editor, videoId, { posterMediaId: image!.id });
    expect(saved).toMatchObject({ title: before.title, url: before.url, status: before.status, posterMediaId: image!.id });
    expect((await getLiveOverview())[0]!.poster).toMatchObject({ mediaId: image!.id, alt: "A test card", src: "/media/2026/11/0123456789abcdef0123456789abcdef.jpg" });
    const missing = await updateStream(editor, videoId, { posterMediaId: 999_999 }).catch((e) => e);
    expect(missing).toMatchObject({ status: 422, fieldErrors: { posterMediaId: "That image is not in the library." } });
    // Past PostgreSQL's integer range: refused before the query.
    const huge = await updateStream(editor, videoId, { posterMediaId: 3_000_000_000 }).catch((e) => e);
    expect(huge).toMatchObject({ status: 422, fieldErrors: { posterMediaId: "Choose an image from the library" } });
    expect((await updateStream(editor, videoId, { posterMediaId: null })).posterMediaId).toBeNull();
  });

  it("adds and deletes shows; writers may not", async () => {
    const show = await addShow(editor, videoId, { title: "Evening", startsAt: at(2), endsAt: at(3) });
    await expect(addShow(writer, videoId, { title: "Mine", startsAt: at(3), endsAt: at(4) })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateStream(writer, videoId, { title: "x", url: "", status: "off_air" })).rejects.toBeInstanceOf(ForbiddenError);
    await deleteShow(editor, show.id);
    expect((await getLiveOverview())[0]!.schedule.map((s) => s.title)).not.toContain("Evening");
  });
});

const stream = (slug: string) => streamRoute.GET(new Request(`http://localhost/api/live/${slug}`), { params: Promise.resolve({ slug }) });

describe("GET /api/live and /api/live/:slug", () => {
  it("lists every stream with a short shared cache", async () => {
    const response = await liveRoute.GET();
    expect(response.headers.get("cache-control")).toMatch(/s-maxage=5, stale-while-revalidate=30/);
    const body = await response.json();
    expect(body.streams.map((s: { slug: string }) => s.slug)).toEqual(["video", "audio"]);
    expect(body.streams[0].url).toBe("http://localhost:3000/live/demo/video/index.m3u8");
    expect(body.streams[1].url).toBeNull();
  });

  it("redirects to the stream on air, answers 503 with Retry-After off air, 404 for unknown streams", async () => {
    const onAir = await stream("video");
    expect(onAir.status).toBe(307);
    expect(onAir.headers.get("location")).toBe("http://localhost:3000/live/demo/video/index.m3u8");
    const offAir = await stream("audio");
    expect(offAir.status).toBe(503);
    expect(Number(offAir.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await offAir.json()).toMatchObject({ reason: "off_air" });
    expect((await stream("smell-o-vision")).status).toBe(404);
    expect((await stream("../etc")).status).toBe(404);
  });
});

describe("the live desk's admin API", () => {
  let token = "";
  beforeAll(async () => {
    token = (await createApiToken(editor, { name: "live desk", expiresInDays: 30 })).token;
  });
  const call = (method: string, path: string, body?: unknown) =>
    new NextRequest(`http://localhost${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const params = (id: string) => ({ params: Promise.resolve({ id }) });

  it("lists the streams with their programmes", async () => {
    const response = await adminLive.GET(call("GET", "/api/admin/live"), { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.streams[0]).toMatchObject({ slug: "video", shows: expect.arrayContaining([expect.objectContaining({ title: "Next Show" })]) });
  });

  it.each(["yesterday", "9999-12-31T00:00:00Z", "1999-12-31T00:00:00Z", "+200000-01-01T00:00:00Z"])("answers from=%s with 422", async (from) => {
    const response = await adminLive.GET(call("GET", `/api/admin/live?from=${encodeURIComponent(from)}`), { params: Promise.resolve({}) });
    expect(response.status).toBe(422);
    expect((await response.json()).fieldErrors.from).toMatch(/ISO time/);
  });

  it("lists the week from a given time", async () => {
    const response = await adminLive.GET(call("GET", `/api/admin/live?from=${encodeURIComponent(at(0.5).toISOString())}`), { params: Promise.resolve({}) });
    const titles = (await response.json()).streams[0].shows.map((show: { title: string }) => show.title);
    expect(titles).toEqual(expect.arrayContaining(["Now Show", "Next Show"]));
    const later = await adminLive.GET(call("GET", `/api/admin/live?from=${encodeURIComponent(at(24 * 30).toISOString())}`), { params: Promise.resolve({}) });
    expect((await later.json()).streams[0].shows).toEqual([]);
  });

  it("changes status alone, adds, edits and deletes a show", async () => {
    const off = await adminStream.PATCH(call("PATCH", `/api/admin/live/streams/${videoId}`, { status: "off_air" }), params(String(videoId)));
    expect(off.status).toBe(200);
    expect(await off.json()).toMatchObject({ status: "off_air", url: "/live/demo/video/index.m3u8" });
    expect((await stream("video")).status).toBe(503);
    await adminStream.PATCH(call("PATCH", `/api/admin/live/streams/${videoId}`, { status: "on_air" }), params(String(videoId)));

    const added = await adminShows.POST(
      call("POST", `/api/admin/live/streams/${videoId}/shows`, { title: "Via API", startsAt: at(30).toISOString(), endsAt: at(31).toISOString() }),
      params(String(videoId)),
    );
    expect(added.status).toBe(201);
    const { id, startsAt } = await added.json();
    const renamed = await adminShow.PATCH(call("PATCH", `/api/admin/live/shows/${id}`, { title: "Via API, renamed" }), params(String(id)));
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ id, title: "Via API, renamed", startsAt });
    const backwards = await adminShow.PATCH(call("PATCH", `/api/admin/live/shows/${id}`, { endsAt: at(29).toISOString() }), params(String(id)));
    expect(backwards.status).toBe(422);
    expect((await backwards.json()).fieldErrors).toEqual({ endsAt: "The show must end after it starts" });
    expect((await adminShow.PATCH(call("PATCH", "/api/admin/live/shows/424242", { title: "Lost" }), params("424242"))).status).toBe(404);
    expect((await adminShow.DELETE(call("DELETE", `/api/admin/live/shows/${id}`), params(String(id)))).status).toBe(204);
    expect((await adminShow.DELETE(call("DELETE", `/api/admin/live/shows/${id}`), params(String(id)))).status).toBe(404);
  });

  it.each([
    ["a bad address", "PATCH", "streams/:video", { url: "ftp://example.org/live" }, "url"],
    ["an unknown status", "PATCH", "streams/:video", { status: "maybe" }, "status"],
    ["an unknown stream", "PATCH", "streams/424242", { status: "off_air" }, "streamId"],
    ["a stream id out of range", "PATCH", "streams/99999999999", { status: "off_air" }, "streamId"],
    ["a body that is not an object", "PATCH", "streams/:video", ["off_air"], "form"],
    ["a show ending before it starts", "POST", "streams/:video/shows", { title: "Backwards", startsAt: at(41).toISOString(), endsAt: at(40).toISOString() }, "endsAt"],
    ["an overlapping show", "POST", "streams/:video/shows", { title: "Clash", startsAt: at(0).toISOString(), endsAt: at(0.5).toISOString() }, "startsAt"],
    ["a show in the year 200,000", "POST", "streams/:video/shows", { title: "Far", startsAt: "+200000-01-01T00:00:00Z", endsAt: "+200000-01-01T01:00:00Z" }, "startsAt"],
    ["a show for an unknown stream", "POST", "streams/424242/shows", { title: "Lost", startsAt: at(60).toISOString(), endsAt: at(61).toISOString() }, "streamId"],
  ])("answers %s with 422 and a message on the field", async (_label, method, route, body, field) => {
    const path = `/api/admin/live/${route.replace(":video", String(videoId))}`;
    const id = path.split("/")[5]!;
    const handler = method === "PATCH" ? adminStream.PATCH : adminShows.POST;
    const response = await handler(call(method, path, body), params(id));
    expect(response.status).toBe(422);
    const answer = await response.json();
    expect(answer.fieldErrors[field]).toEqual(expect.any(String));
  });

  it("refuses writers (403) and strangers (401)", async () => {
    const writerToken = (await createApiToken(writer, { name: "not mine", expiresInDays: 30 })).token;
    const asWriter = new NextRequest("http://localhost/api/admin/live", { headers: { authorization: `Bearer ${writerToken}` } });
    expect((await adminLive.GET(asWriter, { params: Promise.resolve({}) })).status).toBe(403);
    const patch = new NextRequest(`http://localhost/api/admin/live/streams/${videoId}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${writerToken}`, "content-type": "application/json" },
      body: JSON.stringify({ status: "off_air" }),
    });
    expect((await adminStream.PATCH(patch, params(String(videoId)))).status).toBe(403);
    const stranger = new NextRequest("http://localhost/api/admin/live", { headers: { authorization: "Bearer nope" } });
    expect((await adminLive.GET(stranger, { params: Promise.resolve({}) })).status).toBe(401);
  });
});
