// How the cluster test talks to the site: plain GETs that never throw (a connection that failed
// is status 0), the time until every target shows a change (polled every 50 ms up to a limit),
// and the newsroom's API with the demo editor's token.

export interface Seen {
  status: number;
  text: string;
  location: string | null;
  contentType: string | null;
}

export const NO_ANSWER = 0;
export const POLL_MS = 50;
/** What the issue allows for a change on one instance to show on every other. */
export const CONSISTENCY_LIMIT_MS = 2000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function get(url: string, headers: Record<string, string> = {}): Promise<Seen> {
  try {
    const response = await fetch(url, { headers, redirect: "manual", signal: AbortSignal.timeout(15_000) });
    return { status: response.status, text: await response.text(), location: response.headers.get("location"), contentType: response.headers.get("content-type") };
  } catch {
    return { status: NO_ANSWER, text: "", location: null, contentType: null };
  }
}

/** A site the checks look at: the proxy or one instance, by name. */
export interface Target {
  name: string;
  site: string;
}

export interface Timing {
  /**
   * Milliseconds from `since` to the request that first found the change, by target (when it was
   * sent: how long the page took to render is not how long the change took to arrive); null if
   * no request sent within the limit found it.
   */
  ms: Record<string, number | null>;
  /** Milliseconds from `since` until that request was answered (its render included), by target. */
  answeredMs: Record<string, number>;
  /** What each target answered last, for the report when it never passed. */
  last: Record<string, string>;
}

/**
 * Polls every target until `passes` holds for it, 50 ms after each answer, up to `limitMs` after
 * `since` (the moment the change was acknowledged); answers each target's time.
 */
export async function timeUntil(targets: Target[], since: number, passes: (target: Target) => Promise<true | string>, limitMs = CONSISTENCY_LIMIT_MS): Promise<Timing> {
  const timing: Timing = { ms: {}, answeredMs: {}, last: {} };
  await Promise.all(
    targets.map(async (target) => {
      for (;;) {
        const sentAt = Date.now();
        const outcome = await passes(target);
        if (outcome === true) {
          timing.ms[target.name] = sentAt - since;
          timing.answeredMs[target.name] = Date.now() - since;
          return;
        }
        timing.last[target.name] = outcome;
        if (Date.now() - since >= limitMs) {
          timing.ms[target.name] = null;
          return;
        }
        await sleep(POLL_MS);
      }
    }),
  );
  return timing;
}

/** The targets a timing failed on, with what they answered last: the check's problems. */
export function late(timing: Timing, what: string, limitMs = CONSISTENCY_LIMIT_MS): string[] {
  return Object.entries(timing.ms)
    .filter(([, ms]) => ms === null)
    .map(([name]) => `${name}: not ${what} within ${limitMs / 1000} s (${timing.last[name]})`);
}

const EMPTY_BODY = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Filed by the cluster test." }] }] };

export interface Story {
  id: number;
  revision: number;
  slug: string;
  headline: string;
  publicPath: string;
  fields: Record<string, unknown>;
}

/** The newsroom's admin API on one instance, as the demo editor (Bearer token). */
export class Newsroom {
  constructor(
    readonly site: string,
    private readonly token: string,
  ) {}

  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${this.site}${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    return { status: response.status, body: response.headers.get("content-type")?.includes("json") ? (JSON.parse(text || "{}") as Record<string, unknown>) : { text } };
  }

  private async expect(status: number, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const answer = await this.call(method, path, body);
    if (answer.status !== status) throw new Error(`${method} ${path} on ${this.site} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
    return answer.body;
  }

  async read(id: number): Promise<Story> {
    const body = await this.expect(200, "GET", `/api/admin/stories/${id}`);
    const fields = { headline: body.headline, deck: body.deck, slug: body.slug, sectionId: body.sectionId, authorIds: body.authorIds, body: body.body, commentsOpen: body.commentsOpen };
    return { id, revision: Number(body.revision), slug: String(body.slug), headline: String(body.headline), publicPath: String(body.publicPath), fields };
  }

  async create(headline: string, sectionId: number): Promise<Story> {
    const created = await this.expect(201, "POST", "/api/admin/stories", { headline, sectionId, body: EMPTY_BODY });
    return this.read(Number(created.id));
  }

  /** publish, unpublish, or schedule (`{ at }`). */
  async act(id: number, action: "publish" | "unpublish" | "schedule", body?: unknown): Promise<void> {
    await this.expect(200, "POST", `/api/admin/stories/${id}/${action}`, body);
  }

  /** POST /api/admin/media: an image upload (multipart form). */
  async upload(form: FormData): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${this.site}/api/admin/media`, { method: "POST", headers: { Authorization: `Bearer ${this.token}` }, body: form, signal: AbortSignal.timeout(60_000) });
    const text = await response.text();
    return { status: response.status, body: response.headers.get("content-type")?.includes("json") ? (JSON.parse(text || "{}") as Record<string, unknown>) : { text } };
  }

  /** Saves the story with `changes`, at the revision it has now; answers it as saved. */
  async save(story: Story, changes: Record<string, unknown>): Promise<Story> {
    const current = await this.read(story.id);
    await this.expect(200, "PATCH", `/api/admin/stories/${story.id}`, { ...current.fields, ...changes, baseRevision: current.revision });
    return this.read(story.id);
  }
}
