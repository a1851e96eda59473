import type { SiteFacts } from "./prepare-site";

// The mixed load each fault runs under: readers (a cached article and section page; a search,
// which is read from the database every time), commenters (each comment under its own
// idempotency key, sent again with it after a 503 or a lost connection), newsroom saves (each
// worker saves its own story at the revision it last saw) and a publisher (a new story, then
// published). Every answer is counted by status; every write answered 2xx is kept in a ledger
// that the fault test looks for in the database afterwards.

/** No request may take longer than this: past it, it counts as hung. */
export const REQUEST_TIMEOUT_MS = 30_000;
/** A 503's Retry-After is honoured up to this, so the load finds the service back quickly. */
const MAX_RETRY_WAIT_MS = 500;

export interface Ledger {
  /** Comments answered 201 or 202, by the idempotency key they were sent with. */
  comments: string[];
  /** Saves answered 200: the story, the revision it became, and the deck it was saved with. */
  saves: { storyId: number; revision: number; deck: string }[];
  /** Stories created (201): their headlines, each the load's own. */
  created: string[];
  /** Stories answered 200 to publishing. */
  published: number[];
}

export interface Tally {
  sent: number;
  statuses: Record<string, number>;
  ledger: Ledger;
  /** The longest any request took, ms. */
  slowestMs: number;
  /** Reads of cached pages answered 200 while the fault lasted, and how many were sent. */
  cachedReads: { sent: number; ok: number };
  /** The first few requests answered with a status that fails the test ("POST /api/…"), by status. */
  examples: Record<string, string[]>;
}

/** An error answer that shows the server's internals: a stack frame, a path of its files, a database message. */
const SHOWS_INTERNALS = [/\bat [\w$.<>]+ \(/, /node_modules|\.next\/server/, /\.(ts|tsx|js|mjs):\d+:\d+/, /\bECONNREFUSED\b|terminating connection|the database system is/i];
const SHOWING_INTERNALS = "error showing server internals";

/** Statuses no fault may cause: the test fails on any of them. */
export const FAILING_STATUSES = ["500", "hung", "503 without Retry-After", SHOWING_INTERNALS];

export interface LoadTarget {
  site: string;
  facts: SiteFacts;
  /** The stories the save workers own, one each, with the fields a save sends back. */
  drafts: Draft[];
}

export interface Draft {
  id: number;
  revision: number;
  fields: Record<string, unknown>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function newTally(): Tally {
  return { sent: 0, statuses: {}, ledger: { comments: [], saves: [], created: [], published: [] }, slowestMs: 0, cachedReads: { sent: 0, ok: 0 }, examples: {} };
}

interface Answer {
  status: string;
  body: Record<string, unknown>;
  retryAfterMs: number;
}

/** One request, counted in `tally`: its status, or "no answer" when the connection failed, or "hung". */
export async function send(tally: Tally, url: string, init: RequestInit = {}): Promise<Answer> {
  const started = Date.now();
  tally.sent++;
  let status: string;
  let body: Record<string, unknown> = {};
  let retryAfterMs = MAX_RETRY_WAIT_MS;
  try {
    const response = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    status = String(response.status);
    const text = await response.text();
    if (response.headers.get("content-type")?.includes("json")) body = JSON.parse(text || "{}") as Record<string, unknown>;
    const retryAfter = Number(response.headers.get("retry-after"));
    if (response.status === 503 && !(retryAfter > 0)) status = "503 without Retry-After";
    // Error pages never show a reader how the server failed (issue 15).
    if (response.status >= 400 && SHOWS_INTERNALS.some((pattern) => pattern.test(text))) status = SHOWING_INTERNALS;
    if (retryAfter > 0) retryAfterMs = Math.min(retryAfter * 1000, MAX_RETRY_WAIT_MS);
  } catch (error) {
    status = (error as Error).name === "TimeoutError" ? "hung" : "no answer";
  }
  tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
  if (FAILING_STATUSES.includes(status)) {
    const seen = (tally.examples[status] ??= []);
    if (seen.length < 3) seen.push(`${init.method ?? "GET"} ${new URL(url).pathname}`);
  }
  tally.slowestMs = Math.max(tally.slowestMs, Date.now() - started);
  return { status, body, retryAfterMs };
}

const retryable = (status: string) => status.startsWith("503") || status === "no answer";

export class Load {
  private running = false;
  private workers: Promise<void>[] = [];
  private serial = 0;
  /** Writes still being retried get this long after stop() to be answered. */
  private drainUntil = 0;

  constructor(
    private readonly target: LoadTarget,
    readonly tally: Tally,
    /** Names this run's writes, so each fault's are told apart. */
    private readonly label: string,
    private readonly token: string = target.facts.token,
  ) {}

  start(): void {
    this.running = true;
    const { drafts } = this.target;
    this.workers = [
      this.cachedReader(),
      this.searcher(),
      ...[0, 1, 2].map((worker) => this.commenter(worker)),
      ...drafts.map((draft, worker) => this.saver(draft, worker)),
      this.publisher(),
    ];
  }

  /** Stops sending new work; writes in flight are retried for up to `drainMs` more. */
  async stop(drainMs = 15_000): Promise<void> {
    this.running = false;
    this.drainUntil = Date.now() + drainMs;
    await Promise.all(this.workers);
  }

  private get mayRetry() {
    return this.running || Date.now() < this.drainUntil;
  }

  private json(method: string, body?: unknown): RequestInit {
    return {
      method,
      headers: { Authorization: `Bearer ${this.token}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    };
  }

  /** The article and its section, cached: counted apart, since they must be served whatever the database does. */
  private async cachedReader(): Promise<void> {
    const { site, facts } = this.target;
    for (let n = 0; this.running; n++) {
      const { status } = await send(this.tally, `${site}${n % 2 ? facts.sectionPath : facts.articlePath}`);
      this.tally.cachedReads.sent++;
      if (status === "200") this.tally.cachedReads.ok++;
      await sleep(50);
    }
  }

  /** A search, a new one each time: read from the database. */
  private async searcher(): Promise<void> {
    const { site } = this.target;
    for (let n = 0; this.running; n++) {
      await send(this.tally, `${site}/search?q=${encodeURIComponent(`harbor ${n}`)}`);
      await sleep(50);
    }
  }

  private async commenter(worker: number): Promise<void> {
    const { site, facts } = this.target;
    const url = `${site}/api/stories/${facts.commentStoryId}/comments`;
    while (this.running) {
      const key = `${this.label}-c${worker}-${this.serial++}`;
      const body = JSON.stringify({ name: `Reader ${worker}`, body: `A comment under load, ${key}`, idempotencyKey: key });
      while (this.mayRetry) {
        const answer = await send(this.tally, url, { method: "POST", headers: { "Content-Type": "application/json" }, body });
        if (answer.status === "201" || answer.status === "202") {
          this.tally.ledger.comments.push(key);
          break;
        }
        if (!retryable(answer.status)) break;
        await sleep(answer.retryAfterMs);
      }
    }
  }

  private async saver(draft: Draft, worker: number): Promise<void> {
    const { site } = this.target;
    const url = `${site}/api/admin/stories/${draft.id}`;
    while (this.running) {
      const deck = `${this.label}-s${worker}-${this.serial++}`;
      while (this.mayRetry) {
        const answer = await send(this.tally, url, this.json("PATCH", { ...draft.fields, deck, baseRevision: draft.revision }));
        if (answer.status === "200") {
          draft.revision = Number(answer.body.revision);
          this.tally.ledger.saves.push({ storyId: draft.id, revision: draft.revision, deck });
          break;
        }
        if (answer.status === "409") {
          // A save answered 503 may have been written after all: read the revision it made.
          const current = await send(this.tally, url, this.json("GET"));
          if (current.status === "200") draft.revision = Number(current.body.revision);
          break;
        }
        if (!retryable(answer.status)) break;
        await sleep(answer.retryAfterMs);
      }
      await sleep(100);
    }
  }

  private async publisher(): Promise<void> {
    const { site, facts } = this.target;
    while (this.running) {
      const headline = `Fault load ${this.label} ${this.serial++}`;
      const body = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Filed during a fault test." }] }] };
      // Created once only: a create has no idempotency key, so a 503 is not sent again.
      const created = await send(this.tally, `${site}/api/admin/stories`, this.json("POST", { headline, sectionId: facts.sectionId, body }));
      if (created.status !== "201") {
        await sleep(created.retryAfterMs);
        continue;
      }
      this.tally.ledger.created.push(headline);
      const id = Number(created.body.id);
      while (this.mayRetry) {
        const published = await send(this.tally, `${site}/api/admin/stories/${id}/publish`, this.json("POST"));
        if (published.status === "200") {
          this.tally.ledger.published.push(id);
          break;
        }
        if (!retryable(published.status)) break;
        await sleep(published.retryAfterMs);
      }
      await sleep(200);
    }
  }
}

/** Makes `count` draft stories through the API for the save workers. */
export async function makeDrafts(site: string, facts: SiteFacts, count: number): Promise<Draft[]> {
  const drafts: Draft[] = [];
  const tally = newTally();
  const headers = { Authorization: `Bearer ${facts.token}`, "Content-Type": "application/json" };
  for (let n = 0; n < count; n++) {
    const fields = {
      headline: `Fault test draft ${n} ${Date.now()}`,
      sectionId: facts.sectionId,
      body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Saved again and again." }] }] },
    };
    const created = await send(tally, `${site}/api/admin/stories`, { method: "POST", headers, body: JSON.stringify(fields) });
    if (created.status !== "201") throw new Error(`Creating a draft answered ${created.status}: ${JSON.stringify(created.body)}`);
    const id = Number(created.body.id);
    const story = await send(tally, `${site}/api/admin/stories/${id}`, { headers });
    drafts.push({ id, revision: Number(story.body.revision), fields: { ...fields, authorIds: story.body.authorIds } });
  }
  return drafts;
}
