import { describe, expect, it } from "vitest";
import { renderChart } from "./chart";
import { benchRun, configuration, load } from "./fixtures";
import { ms, renderReport } from "./report";
import { checkTargets } from "./targets";

const run = benchRun([
  configuration("pglite", 1000, [load("static", "static", [[1000, 0.2], [1200, 0.2]]), load("article-cached", "cached-article", [[900, 0.1], [1000, 0.1]]), load("home", "page", [[500, 1], [500, 1]])]),
  configuration("pglite", 100_000, [
    load("static", "static", [[1000, 0.2], [1000, 0.2]]),
    load("article-cached", "cached-article", [[300, 0.1], [300, 0.1]]),
    load("home", "page", [[100, 5], [100, 5]]),
    { ...load("search", "page", []), notBuilt: "answered 404" },
  ]),
]);

describe("renderReport", () => {
  const report = renderReport(run, checkTargets(run));

  it("names the failed targets first", () => {
    expect(report).toMatch(/\*\*Failed \(missed by more than the noise\):\*\* cached article ≥ 0.5 × static server \(req\/s, per round\) — PGlite 100k; flat cost: home/);
  });

  it("puts the configurations side by side, throughput with its ratio to the static server", () => {
    expect(report).toContain("| load | PGlite 1k | PGlite 100k |");
    expect(report).toContain("| article-cached | 950 (0.864×) ±5% | 300 (0.300×) ±0% |");
    expect(report).toContain("| home | 1.0 ±0% | 5.0 ±0% |");
    expect(report).toContain("| search |  | not built (answered 404) |");
    expect(report).toContain("| PGlite 1k | 260 MB | – | 250 MB | 300 MB | 290 / 250 MB `node scripts/start.mjs` |");
  });

  it("names the load under which the memory peaked", () => {
    const home = load("home", "page", [[500, 1], [500, 1]]);
    const search = load("search", "page", [[50, 20], [50, 20]]);
    home.rounds[0]!.peakResidentMb = 240;
    search.rounds[1]!.peakResidentMb = 262;
    const text = renderReport(benchRun([configuration("pglite", 1000, [home, search])]), []);
    expect(text).toContain("| PGlite 1k | 260 MB | search (262 MB) | 250 MB |");
  });

  it("sets the uncached article beside the framework's floor measured in the same run", () => {
    const withFloor = benchRun([
      configuration("postgres", 1000, [
        load("article-uncached", "uncached-article", [[40, 24], [40, 26]]),
        load("floor-minimal", "floor", [[300, 4], [300, 4]]),
        load("floor-article-size", "floor", [[100, 8], [100, 8]]),
        load("floor-article-size-cached", "floor", [[100, 10], [100, 10]]),
      ]),
    ]);
    const text = renderReport(withFloor, checkTargets(withFloor));
    expect(text).toContain(
      "- PostgreSQL 1k: the uncached article costs 25 ms of server CPU. Next.js alone, with no data, renders and stores a page of its size on its first request in 10 ms (the article is 2.5× that floor), renders it without storing it in 8.0 ms, and a minimal page in 4.0 ms.",
    );
    // The floor is the same whatever the corpus: no flat-cost target is set on it.
    expect(checkTargets(withFloor).some((check) => check.target.includes("floor"))).toBe(false);
  });

  it("writes milliseconds with the digits that matter", () => {
    expect([ms(0.0723), ms(1.44), ms(21.4), ms(1350), ms(NaN)]).toEqual(["0.072", "1.4", "21", "1,350", "–"]);
  });
});

describe("renderChart", () => {
  const svg = renderChart(run);

  it("draws one bar per configuration for every load but the static server, and a legend", () => {
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.match(/<rect x="290" y="\d+(\.\d+)?" width="[\d.]+" height="8"/g)).toHaveLength(4);
    expect(svg).toContain(">PGlite 100k</text>");
    expect(svg).not.toContain(">static</text>");
  });
});
