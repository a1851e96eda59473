// The server's numbers for an operator's Prometheus (GET /api/metrics, lib/ops/answer.ts): a
// registry of our own rather than prom-client. What it keeps is a handful of counters and one
// histogram, counted on every request: a Map increment and a bucket search, nothing allocated per
// observation; and one registry on globalThis is shared by the server's bundle and Next's, where
// two copies of a library's registry would each count half. Values that already exist elsewhere
// (memory, the database's use, the page cache's hits) are read when scraped.

type Labels = Record<string, string>;

const escapeLabel = (value: string) => value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
const labelText = (labels: Labels) => {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${escapeLabel(value)}"`);
  return pairs.length ? `{${pairs.join(",")}}` : "";
};
/** A number as Prometheus writes one. */
const sample = (value: number) => (Number.isFinite(value) ? String(value) : value > 0 ? "+Inf" : value < 0 ? "-Inf" : "NaN");

interface Metric {
  name: string;
  help: string;
  render(): string[];
}

class Counter implements Metric {
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  /** The series of `labels`, made on first use: `.value++` counts in it. */
  series(labels: Labels): { value: number } {
    const key = labelText(labels);
    let entry = this.values.get(key);
    if (!entry) this.values.set(key, (entry = { labels, value: 0 }));
    return entry;
  }

  inc(labels: Labels = {}): void {
    this.series(labels).value++;
  }

  render(): string[] {
    return [`# TYPE ${this.name} counter`, ...[...this.values.entries()].map(([key, { value }]) => `${this.name}${key} ${sample(value)}`)];
  }
}

/** Latency buckets in seconds: a stored page is answered in well under a millisecond, a render in tens. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface HistogramSeries {
  labels: Labels;
  counts: number[];
  sum: number;
  count: number;
}

class Histogram implements Metric {
  private readonly all = new Map<string, HistogramSeries>();
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly buckets: number[],
  ) {}

  /** The series of `labels`, made on first use, for observe. */
  series(labels: Labels): HistogramSeries {
    const key = labelText(labels);
    let entry = this.all.get(key);
    if (!entry) this.all.set(key, (entry = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    return entry;
  }

  observe(entry: HistogramSeries, value: number): void {
    // Counted in its own bucket; the cumulative counts are summed when scraped.
    let at = 0;
    while (at < this.buckets.length && value > this.buckets[at]!) at++;
    if (at < this.buckets.length) entry.counts[at]!++;
    entry.sum += value;
    entry.count++;
  }

  render(): string[] {
    const lines = [`# TYPE ${this.name} histogram`];
    for (const { labels, counts, sum, count } of this.all.values()) {
      let cumulative = 0;
      this.buckets.forEach((bound, i) => {
        cumulative += counts[i]!;
        lines.push(`${this.name}_bucket${labelText({ ...labels, le: String(bound) })} ${cumulative}`);
      });
      lines.push(`${this.name}_bucket${labelText({ ...labels, le: "+Inf" })} ${count}`);
      lines.push(`${this.name}_sum${labelText(labels)} ${sample(sum)}`, `${this.name}_count${labelText(labels)} ${count}`);
    }
    return lines;
  }
}

/** A value read when scraped, one sample per labelled value `read` returns. */
class Gauge implements Metric {
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly read: () => [Labels, number][],
    private readonly type: "gauge" | "counter" = "gauge",
  ) {}

  render(): string[] {
    return [`# TYPE ${this.name} ${this.type}`, ...this.read().map(([labels, value]) => `${this.name}${labelText(labels)} ${sample(value)}`)];
  }
}

function createMetrics() {
  const requests = new Counter("meridian_http_requests_total", "HTTP requests answered, by route kind and status.");
  const latency = new Histogram("meridian_http_request_duration_seconds", "Time from a request's arrival to the end of its answer, by route kind.", LATENCY_BUCKETS);
  const pageStore = new Counter("meridian_page_store_requests_total", "Requests the stored-page answer could take, by result (hit: answered from stored bytes; miss: passed to Next).");
  const sweeps = new Counter("meridian_sweeps_total", "Runs of the server's periodic tasks, by task and result.");
  // Known from the start: a scrape shows them at 0 rather than not at all.
  for (const result of ["hit", "miss"]) pageStore.series({ result });
  const metrics: Metric[] = [requests, latency, pageStore, sweeps];
  /** Each route kind and status's series, found by one Map lookup per request. */
  const requestSeries = new Map<string, { count: { value: number }; latency: HistogramSeries }>();
  return { requests, latency, pageStore, sweeps, metrics, requestSeries };
}

type Registry = ReturnType<typeof createMetrics>;
const KEY = Symbol.for("meridian.metrics");
const holder = globalThis as { [KEY]?: Registry };
const registry = (holder[KEY] ??= createMetrics());

/** One answered request: counted by its route kind and status, its duration in its kind's histogram. */
export function observeRequest(kind: string, status: number, seconds: number): void {
  const key = `${kind} ${status}`;
  let series = registry.requestSeries.get(key);
  if (!series) {
    series = { count: registry.requests.series({ kind, status: String(status) }), latency: registry.latency.series({ kind }) };
    registry.requestSeries.set(key, series);
  }
  series.count.value++;
  registry.latency.observe(series.latency, seconds);
}

/** A request the page store could answer: from stored bytes (hit) or not (miss). */
export function countPageStore(hit: boolean): void {
  registry.pageStore.inc({ result: hit ? "hit" : "miss" });
}

/** One run of a periodic task (the sweeps, the view counts' write): ok or failed. */
export function countSweep(task: string, ok: boolean): void {
  registry.sweeps.inc({ task, result: ok ? "ok" : "failed" });
}

/** A value the scrape reads from where it is kept. */
export interface ScrapedValue {
  name: string;
  help: string;
  type?: "gauge" | "counter";
  read: () => [Labels, number][];
}

/** The Prometheus text exposition (format 0.0.4) of the counted metrics and the `scraped` ones. */
export function renderMetrics(scraped: ScrapedValue[]): string {
  const all: Metric[] = [...registry.metrics, ...scraped.map((value) => new Gauge(value.name, value.help, value.read, value.type))];
  return `${all.flatMap((metric) => [`# HELP ${metric.name} ${metric.help}`, ...metric.render()]).join("\n")}\n`;
}
