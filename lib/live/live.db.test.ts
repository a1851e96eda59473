import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { liveShows, liveStreams } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createUser, type CurrentUser } from "@/lib/auth/users";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { addShow, deleteShow, updateStream } from "./commands";
import { getLiveOverview } from "./queries";

vi.mock("server-only", () => ({}));
const liveRoute = await import("@/app/api/live/route");
const streamRoute = await import("@/app/api/live/[slug]/route");

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
    [{ title: "", startsAt: at(6), endsAt: at(7) }, "title"],
  ])("refuses show %j with a message on %s", async (input, field) => {
    const error = await addShow(editor, videoId, input).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors ?? {})).toContain(field);
  });

  it("adds and deletes shows; writers may not", async () => {
    const show = await addShow(editor, videoId, { title: "Evening", startsAt: at(2), endsAt: at(3) });
    await expect(addShow(writer, videoId, { title: "Mine", startsAt: at(3), endsAt: at(4) })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateStream(writer, videoId, { title: "x", url: "", status: "off_air" })).rejects.toBeInstanceOf(ForbiddenError);
    await deleteShow(editor, show.id);
    expect((await getLiveOverview())[0]!.schedule.map((s) => s.title)).not.toContain("Evening");
  });
});

describe("GET /api/live and /api/live/:slug", () => {
  const stream = (slug: string) => streamRoute.GET(new Request(`http://localhost/api/live/${slug}`), { params: Promise.resolve({ slug }) });

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
