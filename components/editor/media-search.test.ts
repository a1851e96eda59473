import { describe, expect, it, vi } from "vitest";
import type { MediaItem } from "./hero-picker";
import { initialMediaSearch, loadMediaPage, mediaSearchAddress, reduceMediaSearch, type MediaSearchState } from "./media-search";

// The pickers' search of the media library: the address it asks, how pages add up, and what a
// refusal leaves.

const image = (id: number): MediaItem => ({ id, src: `/media/${id}.jpg`, alt: `Picture ${id}`, caption: "", credit: "" });

describe("mediaSearchAddress", () => {
  it.each([
    ["", null, "/api/admin/media"],
    ["  harbor dawn ", null, "/api/admin/media?q=harbor+dawn"],
    ["", 41, "/api/admin/media?before=41"],
    ["50% & more", 7, "/api/admin/media?q=50%25+%26+more&before=7"],
  ])("%j after %j asks %s", (q, before, address) => {
    expect(mediaSearchAddress(q, before)).toBe(address);
  });
});

describe("reduceMediaSearch", () => {
  const loaded = (state: MediaSearchState, ids: number[], nextCursor: number | null, append = false) =>
    reduceMediaSearch(state, { type: "loaded", page: { items: ids.map(image), nextCursor }, append });

  it("shows the first page, adds the next one after it, and stops on the last", () => {
    let state = loaded(initialMediaSearch, [9, 8, 7], 7);
    expect(state).toMatchObject({ status: "idle", nextCursor: 7 });
    state = reduceMediaSearch(state, { type: "more" });
    expect(state.status).toBe("loading");
    state = loaded(state, [7, 6], null, true);
    expect(state.items.map((item) => item.id)).toEqual([9, 8, 7, 6]);
    expect(state.nextCursor).toBeNull();
    expect(reduceMediaSearch(state, { type: "more" })).toBe(state);
  });

  it("replaces the images with a search's first page, and keeps them when a search fails", () => {
    let state = loaded(initialMediaSearch, [9, 8, 7], 7);
    state = reduceMediaSearch(state, { type: "typed", q: "harb" });
    expect(state).toMatchObject({ q: "harb", status: "loading" });
    state = loaded(state, [3], null);
    expect(state.items.map((item) => item.id)).toEqual([3]);
    state = reduceMediaSearch(reduceMediaSearch(state, { type: "typed", q: "harbor x" }), { type: "failed" });
    expect(state).toMatchObject({ q: "harbor x", status: "failed" });
    expect(state.items.map((item) => item.id)).toEqual([3]);
  });
});

describe("loadMediaPage", () => {
  it("reads the API's page", async () => {
    const fetchImpl = vi.fn(async () => Response.json({ items: [image(5)], nextCursor: 5 }));
    expect(await loadMediaPage("dawn", 9, { fetchImpl })).toEqual({ items: [image(5)], nextCursor: 5 });
    expect(fetchImpl).toHaveBeenCalledWith("/api/admin/media?q=dawn&before=9", expect.objectContaining({ method: "GET" }));
  });

  it("is null when the API refuses or cannot be reached", async () => {
    expect(await loadMediaPage("", null, { fetchImpl: async () => Response.json({ error: "Sign in." }, { status: 401 }) })).toBeNull();
    expect(await loadMediaPage("", null, { fetchImpl: async () => Promise.reject(new TypeError("offline")) })).toBeNull();
  });
});
