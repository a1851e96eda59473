import { describe, expect, it } from "vitest";
import { aloneOrder, grepFor, listedTests, outcomeOf, type ListedTest } from "./e2e-tests";

// The pieces of scripts/e2e-each-alone.ts that decide what runs and what counts as passing.

const spec = (title: string, line: number, projectName = "newsroom") => ({ title, file: "a.spec.ts", line, tests: [{ projectName }] });

describe("listedTests", () => {
  it("lists each test once per project with its describe titles, not its file's", () => {
    const report = {
      suites: [
        {
          title: "a.spec.ts",
          specs: [{ ...spec("top", 3), tests: [{ projectName: "site" }, { projectName: "newsroom" }] }],
          suites: [{ title: "without JavaScript", specs: [spec("inner", 9)], suites: [{ title: "deeper", specs: [spec("deepest", 12)] }] }],
        },
      ],
    };
    expect(listedTests(report)).toEqual([
      { project: "site", file: "a.spec.ts", line: 3, titles: ["top"] },
      { project: "newsroom", file: "a.spec.ts", line: 3, titles: ["top"] },
      { project: "newsroom", file: "a.spec.ts", line: 9, titles: ["without JavaScript", "inner"] },
      { project: "newsroom", file: "a.spec.ts", line: 12, titles: ["without JavaScript", "deeper", "deepest"] },
    ]);
  });
});

describe("aloneOrder", () => {
  const test = (project: string, title: string): ListedTest => ({ project, file: "a.spec.ts", line: 1, titles: [title] });
  it("runs the projects in the configuration's order, each from its last test to its first", () => {
    const listed = [test("newsroom", "n1"), test("site", "s1"), test("newsroom", "n2"), test("site", "s2")];
    expect(aloneOrder(listed, ["site", "newsroom"]).map((t) => t.titles[0])).toEqual(["s2", "s1", "n2", "n1"]);
  });
});

describe("grepFor", () => {
  it.each([
    [["a plain title"], "a plain title$"],
    [["404 for /news?before=999999, with the site's navigation"], "404 for \\/news\\?before=999999, with the site's navigation$"],
    [["light mode", "home (1) has [no] *serious* findings"], "light mode home \\(1\\) has \\[no\\] \\*serious\\* findings$"],
  ])("%j → %s", (titles, pattern) => {
    expect(grepFor({ project: "site", file: "a.spec.ts", line: 1, titles })).toBe(pattern);
  });

  it("matches its own test and not one whose title ends the same way", () => {
    const pattern = new RegExp(grepFor({ project: "site", file: "a.spec.ts", line: 1, titles: ["section has no violations"] }));
    expect(pattern.test("site a.spec.ts section has no violations")).toBe(true);
    expect(pattern.test("site a.spec.ts section has no violations in dark mode")).toBe(false);
  });
});

describe("outcomeOf", () => {
  const stats = (expected: number, unexpected: number, flaky = 0) => ({ stats: { expected, unexpected, flaky, skipped: 0 } });
  it.each([
    [stats(1, 0), "passed"],
    [stats(0, 1), "failed"],
    [stats(0, 0, 1), "flaky"],
    [stats(2, 0), "2 tests ran, not 1"],
    [stats(0, 0), "0 tests ran, not 1"],
    [{ errors: [{ message: "Error: no tests found\nmore" }] }, "no report (Error: no tests found)"],
    [
      { ...stats(0, 1), suites: [{ title: "a.spec.ts", suites: [{ title: "d", specs: [{ ...spec("t", 1), tests: [{ projectName: "site", results: [{ errors: [{ message: "\u001b[31mexpect(received).toBe(expected)\u001b[39m\n\nExpected: 200" }] }] }] }] }] }] },
      "failed: expect(received).toBe(expected)",
    ],
  ])("%j → %s", (report, outcome) => {
    expect(outcomeOf(report)).toBe(outcome);
  });
});
