import { describe, expect, it } from "vitest";
import type { StoryStatus } from "@/lib/stories/editor-queries";
import { requestPreview, runStoryAction, workflowChoices, workflowRefusal } from "./story-workflow";

// Who sees which workflow action, and what a workflow request reports.

type Choice = keyof ReturnType<typeof workflowChoices>;

describe("workflowChoices", () => {
  it.each<[string, StoryStatus, boolean, boolean, Choice[]]>([
    ["a writer's draft", "draft", false, true, ["submit", "preview"]],
    ["a writer's story in review", "review", false, true, ["preview"]],
    ["a story the writer may only read", "draft", false, false, ["preview"]],
    ["an editor's draft", "draft", true, true, ["publish", "schedule", "preview"]],
    ["a story in review, editor", "review", true, true, ["publish", "schedule", "preview", "sendBack"]],
    ["a scheduled story", "scheduled", true, true, ["publish", "schedule", "unpublish", "preview"]],
    ["a published story", "published", true, true, ["unpublish", "correct"]],
    ["an unpublished story", "unpublished", true, true, ["publish", "schedule", "preview"]],
    ["a published story, writer", "published", false, true, []],
  ])("%s", (_, status, canPublish, canEdit, expected) => {
    const choices = workflowChoices(status, canPublish, canEdit);
    expect(Object.entries(choices).filter(([, shown]) => shown).map(([name]) => name).sort()).toEqual([...expected].sort());
  });
});

describe("workflowRefusal", () => {
  it.each([
    ["the first field's message", { kind: "invalid", status: 422, error: "Check.", fieldErrors: { at: "Pick a future time." } } as const, "Pick a future time."],
    ["the server's message without fields", { kind: "invalid", status: 422, error: "Check.", fieldErrors: {} } as const, "Check."],
    ["the server's message", { kind: "denied", status: 403, error: "Only editors publish." } as const, "Only editors publish."],
    ["the status, without a message", { kind: "refused", status: 500 } as const, "Refused (500)."],
    ["no answer", { kind: "offline" } as const, "The server could not be reached."],
  ])("says %s", (_, result, expected) => {
    expect(workflowRefusal(result)).toBe(expected);
  });
});

describe("requests", () => {
  const answering = (status: number, body: unknown, seen: { url?: string; init?: RequestInit }) =>
    (async (url: string, init?: RequestInit) => {
      Object.assign(seen, { url, init });
      return Response.json(body, { status });
    }) as typeof fetch;

  it("posts the action with its body and returns the new status", async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    const next = { status: "scheduled", revision: 8, scheduledAt: "2026-12-07T09:00:00Z" };
    expect(await runStoryAction(12, "schedule", { at: "2026-12-07T10:00" }, answering(200, next, seen))).toEqual({ ok: true, data: next });
    expect(seen).toEqual({
      url: "/api/admin/stories/12/schedule",
      init: { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"at":"2026-12-07T10:00"}' },
    });
  });

  it("reports a refused action by its message", async () => {
    const outcome = await runStoryAction(12, "publish", undefined, answering(422, { error: "Check.", fieldErrors: { headline: "Required." } }, {}));
    expect(outcome).toEqual({ ok: false, error: "Required." });
  });

  it("asks for a preview link without a body", async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    expect(await requestPreview(12, "preview", answering(200, { path: "/preview/abc" }, seen))).toEqual({ ok: true, data: { path: "/preview/abc" } });
    expect(seen).toEqual({ url: "/api/admin/stories/12/preview", init: { method: "POST", headers: {}, body: undefined } });
  });
});
