import { databaseUse } from "@/db/client";
import { pageCacheState } from "@/lib/cache/shared-state.cjs";
import type { ScrapedValue } from "./metrics";

// The metrics read where they are kept when Prometheus scrapes (lib/ops/metrics.ts counts the
// rest as requests come): the process's memory and CPU time, the page cache's lookups and size
// (lib/cache/page-cache-handler.cjs) and its lookups in Redis (lib/cache/redis-cache.ts), and the database's use (db/client.ts).

const startedAt = Date.now() / 1000 - process.uptime();

/** Every value read at a scrape. */
export function scrapedValues(): ScrapedValue[] {
  const memory = () => process.memoryUsage();
  return [
    { name: "process_resident_memory_bytes", help: "Resident memory of the server process.", read: () => [[{}, memory().rss]] },
    {
      name: "nodejs_memory_bytes",
      help: "The V8 heap's size and use, and memory outside it (Buffers and other external allocations).",
      read: () => {
        const { heapTotal, heapUsed, external, arrayBuffers } = memory();
        return [
          [{ kind: "heap_total" }, heapTotal],
          [{ kind: "heap_used" }, heapUsed],
          [{ kind: "external" }, external],
          [{ kind: "array_buffers" }, arrayBuffers],
        ];
      },
    },
    {
      name: "process_cpu_seconds_total",
      help: "CPU time the server process has spent, user and system.",
      type: "counter",
      read: () => {
        const { user, system } = process.cpuUsage();
        return [[{}, (user + system) / 1e6]];
      },
    },
    { name: "process_start_time_seconds", help: "When the server process started, in seconds since the epoch.", read: () => [[{}, startedAt]] },
    {
      name: "meridian_page_cache_lookups_total",
      help: "Lookups in the page cache Next reads rendered pages and cached reads from, by kind and result.",
      type: "counter",
      read: () =>
        [...pageCacheState().lookups.entries()].flatMap(([kind, counts]): [Record<string, string>, number][] => [
          [{ kind, result: "hit" }, counts.hits],
          [{ kind, result: "miss" }, counts.misses],
        ]),
    },
    {
      name: "meridian_page_cache_redis_lookups_total",
      help: "Lookups in Redis (REDIS_URL) for what this instance's page cache did not hold fresh, by result; an error sends the instance to its own memory until Redis answers again.",
      type: "counter",
      read: () => {
        const { shared, sharedLookups } = pageCacheState();
        return shared || sharedLookups.hits + sharedLookups.misses + sharedLookups.errors > 0
          ? [
              [{ result: "hit" }, sharedLookups.hits],
              [{ result: "miss" }, sharedLookups.misses],
              [{ result: "error" }, sharedLookups.errors],
            ]
          : [];
      },
    },
    { name: "meridian_page_cache_bytes", help: "What the page cache holds, as counted against PAGE_CACHE_MAX_MB.", read: () => [[{}, pageCacheState().totalBytes]] },
    { name: "meridian_page_cache_entries", help: "Entries in the page cache.", read: () => [[{}, pageCacheState().entries.size]] },
    {
      name: "meridian_db_in_flight",
      help: "Statements and transactions sent to the database and not yet answered (PGlite runs one at a time: the rest wait in its queue).",
      read: () => {
        const use = databaseUse();
        return use ? [[{ driver: use.driver }, use.inFlight]] : [];
      },
    },
    {
      name: "meridian_db_pool_max",
      help: "The most connections to the PostgreSQL server this process opens.",
      read: () => {
        const use = databaseUse();
        return use?.poolMax === undefined ? [] : [[{ driver: use.driver }, use.poolMax]];
      },
    },
    {
      name: "meridian_db_replica_in_use",
      help: "Each read replica (DATABASE_REPLICA_URLS): 1 while readers' pages read from it, 0 while it is skipped (down or behind).",
      read: () => (databaseUse()?.replicas?.() ?? []).map(({ replica, inUse }): [Record<string, string>, number] => [{ replica }, inUse ? 1 : 0]),
    },
  ];
}
