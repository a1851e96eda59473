import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { Redis } from "ioredis";
import { log } from "@/lib/log";
import { applyMarks, EVERYTHING, pageCacheState, type PageCacheState, type SharedEntry } from "./shared-state.cjs";

// With REDIS_URL, the page cache (page-cache-handler.cjs: rendered pages and cached reads) and its
// invalidation are shared by every instance through Redis. Each instance keeps its own memory in
// front (the handler's entries, and the server's page store); Redis holds:
// - every entry, as `<prefix>entry:<build id>:<key>` (an RSC payload names its build's chunks, so
//   builds never share an entry), for ENTRY_TTL_SECONDS at most;
// - when each tag was last marked, in the hash `<prefix>tags`;
// - a message on `<prefix>invalidations:<db>` for each mark, which every instance applies to its own
//   state (shared-state.cjs applyMarks) on receipt: its handler, its page store and its path rules
//   all read that state.
// A request never waits on Redis for more than COMMAND_TIMEOUT_MS, and nothing is queued while
// Redis is away. A lost connection (or SLOW_LOOKUPS_FOR_OUTAGE lookups in a row out of time)
// takes the instance to its own memory alone (one warning: "redis unavailable"); its marks wait
// in `pending`. When Redis answers again ("redis available again"),
// the pending marks are written and published, the marks made meanwhile elsewhere are read back,
// and everything this instance cached before then is treated as stale (the EVERYTHING tag): a
// message it may have missed can leave nothing stale for good.

/** The longest a request waits on Redis: a slow Redis is treated as away, and the memory answers. */
const COMMAND_TIMEOUT_MS = 100;
/** The bound of what no request waits on: writing an entry or a mark, reading every mark back. */
const BACKGROUND_TIMEOUT_MS = 2000;
/** Lookups in a row that must run out of time before Redis is treated as away. */
const SLOW_LOOKUPS_FOR_OUTAGE = 3;
/** How often an instance without Redis checks whether it is back. */
const PROBE_MS = 500;
/** An entry not written again for this long leaves Redis (a page is rendered far more often). */
const ENTRY_TTL_SECONDS = 24 * 60 * 60;
/**
 * A mark older than this can make no entry in Redis stale (none lives that long) and every
 * instance linked since has it: dropped when an instance reads the marks, so they stay few.
 */
const MARK_KEPT_MS = 2 * ENTRY_TTL_SECONDS * 1000;

/** Marks the tags (ARGV[3..]) at ARGV[1] unless marked later already, then publishes ARGV[2]. */
const MARK_SCRIPT = `
local at = tonumber(ARGV[1])
for i = 3, #ARGV do
  local current = tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '0')
  if current < at then redis.call('HSET', KEYS[1], ARGV[i], ARGV[1]) end
end
redis.call('PUBLISH', KEYS[2], ARGV[2])
return 0`;

/** Buffers and Maps (an RSC payload, its segments) written as JSON and read back as they were. */
function encode(entry: SharedEntry): string {
  return JSON.stringify(entry, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    if (Buffer.isBuffer(raw)) return { $b: raw.toString("base64") };
    if (raw instanceof Map) return { $m: [...raw] };
    return value;
  });
}

function decode(text: string): SharedEntry {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === "$b") return Buffer.from((value as { $b: string }).$b, "base64");
      if (keys.length === 1 && keys[0] === "$m") return new Map((value as { $m: [string, unknown][] }).$m);
    }
    return value;
  }) as SharedEntry;
}

/** `reply`, or a "timed out" failure after COMMAND_TIMEOUT_MS (the command itself goes on). */
function withinBound<T>(reply: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis lookup timed out after ${COMMAND_TIMEOUT_MS} ms`)), COMMAND_TIMEOUT_MS);
  });
  return Promise.race([reply, late]).finally(() => clearTimeout(timer));
}

interface Logger {
  warn(fields: object, message: string): void;
}

/** The id of the build in `dir` (what `next build` wrote in .next/BUILD_ID); "dev" for the dev server. */
export function nextBuildId(dir: string, dev: boolean): string {
  if (dev) return "dev";
  try {
    return readFileSync(path.join(dir, ".next", "BUILD_ID"), "utf8").trim();
  } catch {
    return "unbuilt";
  }
}

export interface RedisCacheOptions {
  url: string;
  /** Before every key and the channel: one deployment's (and one test run's) own. */
  prefix?: string;
  /** The Next build's id (.next/BUILD_ID): entries are kept per build. */
  buildId?: string;
  /** The state to link: the process's own, or a test's pretend instance. */
  state?: PageCacheState;
  logger?: Logger;
}

export type RedisCacheStatus = "connecting" | "up" | "down";

export interface RedisCacheLink {
  status(): RedisCacheStatus;
  /** Ends both connections and unlinks the state (it goes on alone, in memory). */
  close(): Promise<void>;
}

/** Links `state` to Redis at `url`; returns at once (the connection is made in the background). */
export function connectRedisCache({ url, prefix = "meridian:", buildId = "dev", state = pageCacheState(), logger = log }: RedisCacheOptions): RedisCacheLink {
  const tagsKey = `${prefix}tags`;
  // Channels are not scoped by database number as keys are: the channel names it.
  const channel = `${prefix}invalidations:${new URL(url).pathname.slice(1) || "0"}`;
  const entryKey = (key: string) => `${prefix}entry:${buildId}:${key}`;
  /** Who sent a message: an instance ignores its own. */
  const self = randomUUID();
  const options = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: BACKGROUND_TIMEOUT_MS,
    connectTimeout: 1000,
    // Reconnects every half second or so for as long as it takes; never gives up.
    retryStrategy: (times: number) => Math.min(100 * times, PROBE_MS),
    lazyConnect: true,
  };
  const commands = new Redis(url, options);
  const subscriber = new Redis(url, { ...options, autoResubscribe: true });
  let status: RedisCacheStatus = "connecting";
  let closing = false;
  let syncing: Promise<void> | undefined;
  /** Marks made while Redis was away, by tag: written and published when it is back. */
  const pending = new Map<string, number>();
  const fields = { prefix };

  /** Lookups in a row that ran out of time: one slow answer on a busy machine is not an outage. */
  let timeouts = 0;
  /** A lookup failed: a lost connection is an outage at once, timeouts from the third in a row. */
  function lookupFailed(error: unknown): void {
    state.sharedLookups.errors++;
    if (error instanceof Error && /timed out/i.test(error.message) && ++timeouts < SLOW_LOOKUPS_FOR_OUTAGE) return;
    goDown(error);
  }

  function goDown(error: unknown): void {
    if (closing || status === "down") return;
    status = "down";
    logger.warn({ ...fields, err: error instanceof Error ? error.message : String(error) }, "redis unavailable: this instance serves from its own memory until it is back");
  }

  const markInRedis = (tags: string[], at: number) =>
    commands.eval(MARK_SCRIPT, 2, tagsKey, channel, String(at), JSON.stringify({ from: self, at, tags }), ...tags);

  const keepForLater = (tags: string[], at: number) => {
    for (const tag of tags) pending.set(tag, Math.max(pending.get(tag) ?? 0, at));
  };

  /** Writes and publishes the marks made while Redis was away; kept for later if that fails. */
  async function flushPending(): Promise<void> {
    const byTime = new Map<number, string[]>();
    for (const [tag, at] of pending) byTime.set(at, [...(byTime.get(at) ?? []), tag]);
    pending.clear();
    for (const [at, tags] of byTime) {
      try {
        await markInRedis(tags, at);
        byTime.delete(at);
      } catch (error) {
        for (const [laterAt, laterTags] of byTime) keepForLater(laterTags, laterAt);
        throw error;
      }
    }
  }

  /** Everything Redis must know before this instance reads from it again (see the top). */
  async function sync(): Promise<void> {
    const wasDown = status === "down";
    await subscriber.subscribe(channel);
    await flushPending();
    const marks = await commands.hgetall(tagsKey);
    const old: string[] = [];
    for (const [tag, at] of Object.entries(marks)) {
      if (Number(at) < Date.now() - MARK_KEPT_MS) old.push(tag);
      else applyMarks([tag], Number(at), state);
    }
    if (old.length) commands.hdel(tagsKey, ...old).catch(() => {});
    if (wasDown) applyMarks([EVERYTHING], Date.now(), state);
    if (closing) return;
    status = "up";
    timeouts = 0;
    if (wasDown) logger.warn(fields, "redis available again: the marks made meanwhile are shared, and what this instance cached before is stale");
    // Marks made while this ran waited too.
    if (pending.size) flushPending().catch(goDown);
  }

  function trySync(): void {
    if (closing || status === "up" || syncing || commands.status !== "ready" || subscriber.status !== "ready") return;
    syncing = sync()
      .catch((error: unknown) => goDown(error))
      .finally(() => {
        syncing = undefined;
      });
  }

  for (const connection of [commands, subscriber]) {
    // Each failure is handled where it happens (goDown); ioredis's own reports add nothing.
    connection.on("error", (error: unknown) => {
      if (status !== "up") goDown(error);
    });
    connection.on("close", () => goDown(new Error("connection closed")));
    connection.on("ready", trySync);
    connection.connect().catch(() => {});
  }
  subscriber.on("message", (from: string, text: string) => {
    if (from !== channel) return;
    try {
      const message = JSON.parse(text) as { from?: string; at?: number; tags?: unknown };
      if (message.from === self || !Array.isArray(message.tags)) return;
      // The time of receipt when later than the sender's: what this instance rendered before it
      // arrived may have read the data the mark is about.
      applyMarks(message.tags.map(String), Math.max(Number(message.at) || 0, Date.now()), state);
    } catch {
      // Not one of ours.
    }
  });
  // The probe: a Redis that hung without closing the connection gives no "ready" when it answers again.
  const probe = setInterval(() => {
    if (status === "up" || closing) return;
    if (commands.status === "ready") commands.ping().then(trySync, () => {});
  }, PROBE_MS);
  probe.unref();

  state.shared = {
    async get(key) {
      if (status !== "up") return null;
      try {
        const text = await withinBound(commands.get(entryKey(key)));
        timeouts = 0;
        if (text === null) {
          state.sharedLookups.misses++;
          return null;
        }
        state.sharedLookups.hits++;
        return decode(text);
      } catch (error) {
        lookupFailed(error);
        return null;
      }
    },
    set(key, entry) {
      if (status !== "up") return;
      commands.set(entryKey(key), encode(entry), "EX", ENTRY_TTL_SECONDS).catch(lookupFailed);
    },
    announce(tags, at) {
      if (status !== "up") return keepForLater(tags, at);
      markInRedis(tags, at).catch((error: unknown) => {
        keepForLater(tags, at);
        goDown(error);
      });
    },
  };

  return {
    status: () => status,
    async close() {
      closing = true;
      clearInterval(probe);
      if (state.shared) state.shared = undefined;
      commands.disconnect();
      subscriber.disconnect();
    },
  };
}
