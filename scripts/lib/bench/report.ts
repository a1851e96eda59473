import { configurationName, staticRps, summarize, type BenchRun, type Configuration, type Load } from "./results";
import type { TargetCheck } from "./targets";

// The markdown report of one `npm run bench` (bench/results/report.md): the targets and their
// verdicts first, then every load in every configuration side by side.

const whole = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });
const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
/** Milliseconds with the digits that matter: 0.072, 1.4, 21, 1,350. */
export function ms(n: number): string {
  if (!Number.isFinite(n)) return "–";
  if (n < 1) return fixed(n, 3);
  if (n < 10) return fixed(n, 1);
  return whole.format(n);
}
const percent = (n: number) => `±${Math.round(n * 50)}%`;

function targetRows(checks: TargetCheck[]): string[] {
  const mark = { pass: "pass", "within noise": "within noise", fail: "**FAIL**" } as const;
  return [
    "| target | where | measured | limit | noise | verdict |",
    "|---|---|---:|---:|---:|---|",
    ...checks.map(
      (c) =>
        `| ${c.target} | ${c.where} | ${c.target.includes("MB") || c.target.includes("stays up") ? whole.format(c.measured) : fixed(c.measured, 2)} | ${c.direction === "min" ? "≥" : "≤"} ${c.limit} | ${percent(c.noise)} | ${mark[c.verdict]} |`,
    ),
  ];
}

type Cell = (load: Load, configuration: Configuration) => string;

function loadTable(run: BenchRun, cell: Cell): string[] {
  const ids = [...new Set(run.configurations.flatMap((c) => c.loads.map((load) => load.id)))];
  const names = run.configurations.map(configurationName);
  const rows = ids.map((id) => {
    const any = run.configurations.flatMap((c) => c.loads).find((load) => load.id === id)!;
    const cells = run.configurations.map((c) => {
      const load = c.loads.find((candidate) => candidate.id === id);
      if (!load) return "";
      if (load.notBuilt) return `not built (${load.notBuilt})`;
      const died = load.failure ? `⚠ ${load.failure}` : "";
      return load.rounds.length ? `${cell(load, c)}${died ? ` ${died}` : ""}` : died || "–";
    });
    return `| ${any.label} | ${cells.join(" | ")} |`;
  });
  return [`| load | ${names.join(" | ")} |`, `|---|${names.map(() => "---:").join("|")}|`, ...rows];
}

const throughput: Cell = (load, configuration) => {
  const s = summarize(load);
  const plain = staticRps(configuration);
  const ratio = plain ? ` (${fixed(s.requestsPerSecond / plain, 3)}×)` : "";
  const failed = s.non2xx + s.errors ? ` ⚠ ${s.non2xx} non-2xx, ${s.errors} errors` : "";
  return `${whole.format(s.requestsPerSecond)}${ratio} ${percent(s.rpsNoise)}${failed}`;
};
const cpu: Cell = (load) => {
  const s = summarize(load);
  return `${ms(s.cpuMsPerRequest)} ${percent(s.cpuNoise)}`;
};
const latency: Cell = (load) => {
  const s = summarize(load);
  return `${ms(s.p50Ms)} / ${ms(s.p99Ms)}`;
};

const peakOf = (peaks: number[] | undefined) => (peaks?.length ? `${Math.max(...peaks)} MB` : "–");

/** The load under whose rounds the resident total was highest, with that peak ("–" in results from before it was measured). */
export function peakLoad(configuration: Configuration): string {
  let top: { label: string; mb: number } | undefined;
  for (const load of configuration.loads) {
    for (const round of load.rounds) {
      if (round.peakResidentMb !== undefined && (!top || round.peakResidentMb > top.mb)) top = { label: load.label, mb: round.peakResidentMb };
    }
  }
  return top ? `${top.label} (${top.mb} MB)` : "–";
}

function memoryRows(run: BenchRun): string[] {
  return [
    "| configuration | peak resident in total (each page once) | under the load | PSS sum | RSS sum | each process's own peak RSS / PSS |",
    "|---|---:|---|---:|---:|---|",
    ...run.configurations.map((c) => {
      const processes = c.processes.map((p) => `${p.peakMb} / ${p.peakPssMb ?? "–"} MB \`${p.command.replace(/\|/g, "\\|")}\``).join("<br>");
      return `| ${configurationName(c)} | ${peakOf(c.peakResidentMbPerRound)} | ${peakLoad(c)} | ${peakOf(c.peakPssMbPerRound)} | ${peakOf(c.peakTotalMbPerRound)} | ${processes} |`;
    }),
  ];
}

function visibilityRows(run: BenchRun): string[] {
  const list = (values: number[]) => (values.length ? values.map((v) => `${v}`).join(", ") : "–");
  return [
    "| configuration | corpus seeded in | publish → on the cached home page (ms) | Audio Only on/off air → visible (ms) |",
    "|---|---:|---|---|",
    ...run.configurations.map(
      (c) => `| ${configurationName(c)} | ${fixed(c.seedSeconds, 0)} s (${whole.format(c.comments)} comments) | ${list(c.publishToVisibleMs)} | ${list(c.liveChangeToVisibleMs)} |`,
    ),
  ];
}

const HOW = [
  "Each configuration seeds a fresh corpus (the demo edition plus the generated stories, ~10 comments each) and starts the app with `npm start`; a static Node server sends the cached article's bytes on the same machine at the same time.",
  "Pages: 50 connections; uncached article and comment POSTs: 20; newsroom loads: 4 (a session cookie, or the API token for the related-story search).",
  "Uncached article: every request is the first one for its article since the server started (a fixed shuffle of the generated stories, each round stopped before it runs out), so neither the stored page, Next's page cache nor that story's cached reads exist yet; what every article shares (the header's sections) is warm.",
  "The framework's floor: `bench/floor`, a Next.js application with no database or data (its cached pages kept in a bare in-memory Map, as the app's are), run with the server's node flags, its pages rendered on every request (20 connections, as the uncached article).",
  "Server CPU is counted from an idle server until it is idle again (requests still in flight when a round stops are finished and counted) and divided by the requests sent. On PostgreSQL it includes the database server's backends connected to the benchmark's database (PGlite's work is inside the server process).",
];

/**
 * The uncached article beside the framework's floor measured in the same rounds: what Next.js
 * costs to render a page of the article's size with no data, and a minimal page.
 */
function floorNotes(run: BenchRun): string[] {
  return run.configurations.flatMap((c) => {
    const measured = (pick: (load: Load) => boolean) => c.loads.find((load) => pick(load) && load.rounds.length);
    const article = measured((load) => load.kind === "uncached-article");
    const sized = measured((load) => load.id === "floor-article-size");
    const cachedSized = measured((load) => load.id === "floor-article-size-cached");
    const minimal = measured((load) => load.id === "floor-minimal");
    if (!article || !sized || !cachedSized || !minimal) return [];
    const a = summarize(article).cpuMsPerRequest;
    const f = summarize(cachedSized).cpuMsPerRequest;
    return [
      `- ${configurationName(c)}: the uncached article costs ${ms(a)} ms of server CPU. Next.js alone, with no data, renders and stores a page of its size on its first request in ${ms(f)} ms (the article is ${fixed(a / f, 1)}× that floor), renders it without storing it in ${ms(summarize(sized).cpuMsPerRequest)} ms, and a minimal page in ${ms(summarize(minimal).cpuMsPerRequest)} ms.`,
    ];
  });
}

/** The sitemap page's size in each corpus: the flat-cost target compares it per URL. */
function entryNotes(run: BenchRun): string[] {
  const sizes = run.configurations.flatMap((c) => c.loads.filter((load) => load.entries).map((load) => `${configurationName(c)}: ${whole.format(load.entries!)} URLs`));
  return sizes.length ? [`- The story sitemap page lists every story up to 50,000, so it grows with the corpus (${sizes.join(", ")}); its flat cost is compared per URL.`] : [];
}

export function renderReport(run: BenchRun, checks: TargetCheck[]): string {
  const failed = checks.filter((c) => c.verdict === "fail");
  return [
    `# npm run bench — ${run.date}`,
    "",
    `${run.machine}. ${run.quick ? "Quick mode" : "Full run"}: ${run.rounds} rounds of ${run.secondsPerRound} s per load, interleaved; figures are the rounds' medians, ±x% is half their spread (run-to-run noise). Server CPU is user + system time of every process \`npm start\` runs, from /proc, per request sent.`,
    "",
    "## Targets",
    "",
    failed.length ? `**Failed (missed by more than the noise):** ${failed.map((c) => `${c.target} — ${c.where}`).join("; ")}` : "No target missed by more than the noise.",
    "",
    ...targetRows(checks),
    "",
    ...(floorNotes(run).length ? ["The framework's floor (`bench/floor`: Next.js with nothing of ours, same node flags, same rounds):", "", ...floorNotes(run), ""] : []),
    "## Requests per second (× the static server in the same configuration)",
    "",
    ...loadTable(run, throughput),
    "",
    "## Server CPU per request (ms)",
    "",
    ...loadTable(run, cpu),
    "",
    "## Latency p50 / p99 (ms)",
    "",
    ...loadTable(run, latency),
    "",
    "## Memory of `npm start`",
    "",
    ...memoryRows(run),
    "",
    "## Corpora and changes becoming visible",
    "",
    ...visibilityRows(run),
    "",
    "## How it was measured",
    "",
    ...HOW.map((line) => `- ${line}`),
    ...entryNotes(run),
    "",
  ].join("\n");
}
