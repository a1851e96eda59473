// Reading Playwright's JSON reports for scripts/e2e-each-alone.ts: which tests there are, in
// which order to run them alone, how to pick exactly one with -g, and whether that one passed.

/** One test as `playwright test --list --reporter=json` lists it. */
export interface ListedTest {
  project: string;
  /** Relative to the test directory (e2e/). */
  file: string;
  line: number;
  /** Describe titles, then the test's own. */
  titles: string[];
}

interface ReportSpec {
  title: string;
  file: string;
  line: number;
  tests: { projectName: string; results?: { errors?: { message?: string }[] }[] }[];
}
interface ReportSuite {
  title: string;
  specs?: ReportSpec[];
  suites?: ReportSuite[];
}
interface Report {
  suites?: ReportSuite[];
  stats?: { expected: number; unexpected: number; flaky: number; skipped: number };
  errors?: { message?: string }[];
}

/** Every test of the report, once per project, in the report's order. */
export function listedTests(report: Report): ListedTest[] {
  const found: ListedTest[] = [];
  const walk = (suite: ReportSuite, describes: string[]) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        found.push({ project: test.projectName, file: spec.file, line: spec.line, titles: [...describes, spec.title] });
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...describes, child.title]);
  };
  // The top-level suites are the files: their titles are not part of a test's name.
  for (const file of report.suites ?? []) walk(file, []);
  return found;
}

/**
 * The order to run them in: project by project as the configuration lists them (the reading site
 * before the newsroom changes it), and within a project from last to first, so that a test which
 * leaned on the data of one before it in its file runs first, without it, and fails.
 */
export function aloneOrder(tests: ListedTest[], projects: string[]): ListedTest[] {
  const rank = (test: ListedTest) => projects.indexOf(test.project);
  return tests
    .map((test, index) => ({ test, index }))
    .sort((a, b) => rank(a.test) - rank(b.test) || b.index - a.index)
    .map(({ test }) => test);
}

/** A -g pattern for the test: its describe titles and title, as Playwright joins them, at the end. */
export function grepFor(test: ListedTest): string {
  return `${test.titles.join(" ").replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`;
}

/** "passed" when the run held exactly one test and it passed; otherwise why not. */
export function outcomeOf(report: Report): string {
  const stats = report.stats;
  if (!stats) return `no report (${report.errors?.[0]?.message?.split("\n")[0] ?? "Playwright did not run"})`;
  const ran = stats.expected + stats.unexpected + stats.flaky;
  if (ran !== 1) return `${ran} tests ran, not 1`;
  if (stats.expected === 1) return "passed";
  return `${stats.flaky ? "flaky" : "failed"}${firstError(report.suites ?? [])}`;
}

/** ": " and the first line of the first error a test reported, or nothing. */
function firstError(suites: ReportSuite[]): string {
  for (const suite of suites) {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        const message = test.results?.flatMap((result) => result.errors ?? []).find((error) => error.message)?.message;
        // Without the terminal's colours.
        if (message) return `: ${message.replace(/\u001b\[[0-9;]*m/g, "").split("\n")[0]}`;
      }
    }
    const inner = firstError(suite.suites ?? []);
    if (inner) return inner;
  }
  return "";
}
