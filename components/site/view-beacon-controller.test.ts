import { describe, expect, it, vi } from "vitest";
import { postView, sendWhenSeen, type SeenDocument } from "./view-beacon-controller";

// When an article counts as read: once, when first shown; never while prerendered or hidden.

function fakeDocument(state: { visibilityState: string; prerendering?: boolean }) {
  const listeners = new Map<string, Set<() => void>>();
  const doc: SeenDocument & { fire(type: string): void; listening(): number } = {
    ...state,
    get visibilityState() {
      return state.visibilityState;
    },
    get prerendering() {
      return state.prerendering;
    },
    addEventListener: (type, listener) => void (listeners.get(type) ?? listeners.set(type, new Set()).get(type)!).add(listener),
    removeEventListener: (type, listener) => void listeners.get(type)?.delete(listener),
    fire: (type) => listeners.get(type)?.forEach((listener) => listener()),
    listening: () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0),
  };
  return doc;
}

describe("sendWhenSeen", () => {
  it("sends at once for a page shown, and only once", () => {
    const doc = fakeDocument({ visibilityState: "visible" });
    const send = vi.fn();
    sendWhenSeen(doc, send);
    doc.fire("visibilitychange");
    expect(send).toHaveBeenCalledTimes(1);
    expect(doc.listening()).toBe(0);
  });

  it("waits until a background tab is shown", () => {
    const state = { visibilityState: "hidden" };
    const doc = fakeDocument(state);
    const send = vi.fn();
    sendWhenSeen(doc, send);
    expect(send).not.toHaveBeenCalled();
    state.visibilityState = "visible";
    doc.fire("visibilitychange");
    state.visibilityState = "hidden";
    doc.fire("visibilitychange");
    state.visibilityState = "visible";
    doc.fire("visibilitychange");
    expect(send).toHaveBeenCalledTimes(1);
  });

  it("waits until a prerendered page is activated", () => {
    const state: { visibilityState: string; prerendering?: boolean } = { visibilityState: "visible", prerendering: true };
    const doc = fakeDocument(state);
    const send = vi.fn();
    sendWhenSeen(doc, send);
    doc.fire("visibilitychange");
    expect(send).not.toHaveBeenCalled();
    state.prerendering = false;
    doc.fire("prerenderingchange");
    expect(send).toHaveBeenCalledTimes(1);
  });

  it("sends nothing for a page left before it was seen", () => {
    const state = { visibilityState: "hidden" };
    const doc = fakeDocument(state);
    const send = vi.fn();
    const cancel = sendWhenSeen(doc, send);
    cancel();
    state.visibilityState = "visible";
    doc.fire("visibilitychange");
    expect(send).not.toHaveBeenCalled();
    expect(doc.listening()).toBe(0);
  });
});

describe("postView", () => {
  it("sends the story id as a beacon", () => {
    const sendBeacon = vi.fn(() => true);
    postView(42, { sendBeacon });
    expect(sendBeacon).toHaveBeenCalledWith("/api/views", '{"storyId":42}');
  });

  it("falls back to a keepalive fetch when the beacon is refused", () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockResolvedValue(new Response(null, { status: 204 }));
    try {
      postView(42, { sendBeacon: () => false });
      expect(fetchSpy).toHaveBeenCalledWith("/api/views", { method: "POST", body: '{"storyId":42}', keepalive: true });
    } finally {
      fetchSpy.mockRestore();
    }
  });
});
