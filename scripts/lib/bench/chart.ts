import { configurationName, staticRps, summarize, type BenchRun } from "./results";

// The SVG chart of one `npm run bench` (bench/results/chart.svg): two panels, each load a group of
// bars, one bar per configuration — throughput as a share of the static server, and server CPU
// per request. Both on log scales: the figures span four orders of magnitude.

const COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];
const LABEL_WIDTH = 290;
const PANEL_WIDTH = 330;
const GAP = 40;
const BAR = 9;
const TOP = 72;

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

interface Panel {
  title: string;
  /** Log-scale domain. */
  min: number;
  max: number;
  ticks: number[];
  value: (loadId: string, configurationIndex: number) => number | undefined;
  /** The line drawn across the panel (a target), if any. */
  mark?: { at: number; label: string };
}

/** x position of `value` on a log scale from min to max over `width`, clamped. */
export function logX(value: number, min: number, max: number, width: number): number {
  const clamped = Math.min(Math.max(value, min), max);
  return (Math.log10(clamped / min) / Math.log10(max / min)) * width;
}

function panel(p: Panel, x0: number, ids: string[], bars: number, rowHeight: number): string[] {
  const out = [`<text x="${x0}" y="${TOP - 30}" font-weight="bold">${escape(p.title)}</text>`];
  const bottom = TOP + ids.length * rowHeight;
  for (const tick of p.ticks) {
    const x = x0 + logX(tick, p.min, p.max, PANEL_WIDTH);
    out.push(`<line x1="${x}" y1="${TOP - 8}" x2="${x}" y2="${bottom}" stroke="#ddd"/>`);
    out.push(`<text x="${x}" y="${TOP - 12}" text-anchor="middle" font-size="10">${tick}</text>`);
  }
  ids.forEach((id, row) => {
    for (let i = 0; i < bars; i++) {
      const value = p.value(id, i);
      if (value === undefined || !Number.isFinite(value) || value <= 0) continue;
      const y = TOP + row * rowHeight + 4 + i * BAR;
      const width = Math.max(1, logX(value, p.min, p.max, PANEL_WIDTH));
      out.push(`<rect x="${x0}" y="${y}" width="${width.toFixed(1)}" height="${BAR - 1}" fill="${COLORS[i % COLORS.length]}"><title>${value.toPrecision(3)}</title></rect>`);
    }
  });
  if (p.mark) {
    const x = x0 + logX(p.mark.at, p.min, p.max, PANEL_WIDTH);
    out.push(`<line x1="${x}" y1="${TOP - 8}" x2="${x}" y2="${bottom}" stroke="#000" stroke-dasharray="4 3"/>`);
    out.push(`<text x="${x + 3}" y="${bottom + 14}" font-size="10">${escape(p.mark.label)}</text>`);
  }
  return out;
}

export function renderChart(run: BenchRun): string {
  const configurations = run.configurations;
  const loads = configurations.flatMap((c) => c.loads);
  const ids = [...new Set(loads.filter((load) => load.kind !== "static").map((load) => load.id))];
  const labelOf = (id: string) => loads.find((load) => load.id === id)!.label;
  const rowHeight = configurations.length * BAR + 10;
  const summaryOf = (id: string, i: number) => {
    const load = configurations[i]!.loads.find((candidate) => candidate.id === id);
    return load && !load.notBuilt && load.rounds.length ? summarize(load) : undefined;
  };
  const share: Panel = {
    title: "Requests per second ÷ the static server's",
    min: 0.001,
    max: 2,
    ticks: [0.001, 0.01, 0.1, 0.5, 1],
    value: (id, i) => {
      const plain = staticRps(configurations[i]!);
      const s = summaryOf(id, i);
      return s && plain ? s.requestsPerSecond / plain : undefined;
    },
    mark: { at: 0.5, label: "cached-article target 0.5" },
  };
  const cpu: Panel = {
    title: "Server CPU per request (ms)",
    min: 0.01,
    max: 1000,
    ticks: [0.01, 0.1, 1, 10, 100, 1000],
    value: (id, i) => summaryOf(id, i)?.cpuMsPerRequest,
    mark: { at: 10, label: "uncached-article target 10 ms" },
  };
  const height = TOP + ids.length * rowHeight + 50 + configurations.length * 16;
  const width = LABEL_WIDTH + 2 * PANEL_WIDTH + GAP + 20;
  const legendY = TOP + ids.length * rowHeight + 36;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="18" font-size="14" font-weight="bold">${escape(`npm run bench — ${run.date}${run.quick ? " (quick)" : ""}`)}</text>`,
    ...ids.map((id, row) => `<text x="${LABEL_WIDTH - 8}" y="${TOP + row * rowHeight + rowHeight / 2 + 2}" text-anchor="end">${escape(labelOf(id))}</text>`),
    ...panel(share, LABEL_WIDTH, ids, configurations.length, rowHeight),
    ...panel(cpu, LABEL_WIDTH + PANEL_WIDTH + GAP, ids, configurations.length, rowHeight),
    ...configurations.map(
      (c, i) =>
        `<rect x="${LABEL_WIDTH}" y="${legendY + i * 16 - 9}" width="10" height="10" fill="${COLORS[i % COLORS.length]}"/><text x="${LABEL_WIDTH + 16}" y="${legendY + i * 16}">${escape(configurationName(c))}</text>`,
    ),
    "</svg>",
    "",
  ].join("\n");
}
