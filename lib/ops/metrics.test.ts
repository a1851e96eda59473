import { describe, expect, it } from "vitest";
import { closeDatabase, setProcessDatabase, type DbHandle } from "@/db/client";
import { countPageStore, countSweep, observeRequest, renderMetrics } from "./metrics";
import { scrapedValues } from "./process-metrics";

// The exposition as Prometheus parses it: HELP and TYPE before each metric's samples, counters by
// their labels, and histograms with cumulative buckets ending in +Inf, a sum and a count.

/** The value of one sample line, or undefined. */
function sampleOf(text: string, series: string): number | undefined {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("renderMetrics", () => {
  it("counts requests by route kind and status, and their latency in cumulative buckets", () => {
    const before = renderMetrics([]);
    const counted = (text: string) => sampleOf(text, 'meridian_http_requests_total{kind="feed",status="304"}') ?? 0;
    const inBucket = (text: string, le: string) => sampleOf(text, `meridian_http_request_duration_seconds_bucket{kind="feed",le="${le}"}`) ?? 0;
    observeRequest("feed", 304, 0.0004);
    observeRequest("feed", 304, 0.2);
    observeRequest("feed", 304, 30);
    const after = renderMetrics([]);
    expect(counted(after) - counted(before)).toBe(3);
    expect(inBucket(after, "0.0005") - inBucket(before, "0.0005")).toBe(1);
    expect(inBucket(after, "0.25") - inBucket(before, "0.25")).toBe(2);
    expect(inBucket(after, "10") - inBucket(before, "10")).toBe(2);
    expect(inBucket(after, "+Inf") - inBucket(before, "+Inf")).toBe(3);
    expect(sampleOf(after, 'meridian_http_request_duration_seconds_count{kind="feed"}')! - (sampleOf(before, 'meridian_http_request_duration_seconds_count{kind="feed"}') ?? 0)).toBe(3);
  });

  it("counts page-store hits and misses and the sweeps' runs and failures", () => {
    countPageStore(true);
    countPageStore(false);
    countSweep("stories", true);
    countSweep("stories", false);
    const text = renderMetrics([]);
    expect(sampleOf(text, 'meridian_page_store_requests_total{result="hit"}')).toBeGreaterThanOrEqual(1);
    expect(sampleOf(text, 'meridian_page_store_requests_total{result="miss"}')).toBeGreaterThanOrEqual(1);
    expect(sampleOf(text, 'meridian_sweeps_total{task="stories",result="ok"}')).toBeGreaterThanOrEqual(1);
    expect(sampleOf(text, 'meridian_sweeps_total{task="stories",result="failed"}')).toBeGreaterThanOrEqual(1);
  });

  it("writes HELP and TYPE once before each metric, and escapes label values", () => {
    observeRequest('we"ird\\kind\n', 200, 0.01);
    const text = renderMetrics([{ name: "test_gauge", help: "A test value.", read: () => [[{ place: "here" }, 7]] }]);
    expect(text.endsWith("\n")).toBe(true);
    expect(text).toContain('kind="we\\"ird\\\\kind\\n"');
    expect(text).toContain('# HELP test_gauge A test value.\n# TYPE test_gauge gauge\ntest_gauge{place="here"} 7\n');
    const names = text.split("\n").filter((line) => line.startsWith("# TYPE ")).map((line) => line.split(" ")[2]);
    expect(new Set(names).size).toBe(names.length);
    for (const line of text.split("\n").filter((candidate) => candidate && !candidate.startsWith("#"))) {
      expect(line).toMatch(/^[a-z_]+(\{.*\})? (-?[0-9.e+-]+|\+Inf|NaN)$/);
    }
  });

  it("reads the process's memory and CPU, the page cache and the database's use when scraped", () => {
    const text = renderMetrics(scrapedValues());
    expect(sampleOf(text, "process_resident_memory_bytes")).toBeGreaterThan(1_000_000);
    expect(sampleOf(text, 'nodejs_memory_bytes{kind="heap_used"}')).toBeGreaterThan(0);
    expect(sampleOf(text, "process_cpu_seconds_total")).toBeGreaterThan(0);
    expect(text).toContain("# TYPE meridian_page_cache_lookups_total counter");
    expect(sampleOf(text, "meridian_page_cache_entries")).toBeGreaterThanOrEqual(0);
  });

  it("says which read replicas readers' pages read from", async () => {
    const replicas = [
      { replica: "postgres://reader@10.0.0.2/news", inUse: true },
      { replica: "postgres://reader@10.0.0.3/news", inUse: false },
    ];
    setProcessDatabase({ use: { driver: "postgres", inFlight: 0, poolMax: 10, replicas: () => replicas }, close: async () => {} } as unknown as DbHandle);
    try {
      const text = renderMetrics(scrapedValues());
      expect(sampleOf(text, 'meridian_db_replica_in_use{replica="postgres://reader@10.0.0.2/news"}')).toBe(1);
      expect(sampleOf(text, 'meridian_db_replica_in_use{replica="postgres://reader@10.0.0.3/news"}')).toBe(0);
    } finally {
      await closeDatabase();
    }
  });
});
