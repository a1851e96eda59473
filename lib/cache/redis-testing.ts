import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { Redis } from "ioredis";
import { connectRedisCache, type RedisCacheLink } from "./redis-cache";
import { createPageCacheState, type PageCacheState } from "./shared-state.cjs";

// For tests of the Redis-shared page cache: pretend instances in one process, each with its own
// state, handler and Redis link, against the Redis at 127.0.0.1:6379 (TEST_REDIS_URL) under a
// key prefix of the test run's own, so parallel runs never meet.

const require = createRequire(import.meta.url);
const { pageCache } = require("./page-cache-handler.cjs") as { pageCache: (state: PageCacheState) => PageCache };

interface PageCache {
  get(key: string, ctx?: { kind?: string; tags?: string[]; softTags?: string[] }): Promise<{ value: any; lastModified: number; tags: string[]; cacheControl?: unknown } | null>; // eslint-disable-line @typescript-eslint/no-explicit-any
  set(key: string, data: unknown, ctx?: { tags?: string[]; cacheControl?: unknown }): Promise<void>;
  revalidateTag(tags: string | string[]): Promise<void>;
}

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/0";

export const testPrefix = () => `meridian-test:${randomUUID()}:`;

/** One pretend instance: what it logged is in `logged`. */
export interface TestInstance {
  state: PageCacheState;
  cache: PageCache;
  link: RedisCacheLink;
  logged: string[];
}

export function testInstance(url: string, prefix: string, state: PageCacheState = createPageCacheState()): TestInstance {
  const logged: string[] = [];
  const link = connectRedisCache({ url, prefix, buildId: "test", state, logger: { warn: (_fields, message) => logged.push(message) } });
  return { state, cache: pageCache(state), link, logged };
}

/** Waits until `check` holds (polled), failing after `limitMs`: no test asserts how fast. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, limitMs = 15_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Removes every key under `prefix`. */
export async function removeKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}
