import { describe, expect, it } from "vitest";
import { detectFormat } from "./detect";
import { formatReport, progressLine, progressPrinter } from "./report";
import { emptyCounts, type ImportReport } from "./run-state";

// What the import prints: the progress bar on a terminal, plain lines in a log, the final report;
// and which export a file is, from its first bytes.

const progress = (done: number, total = 1000, elapsedMs = 60_000) => ({ done, total, elapsedMs, created: { ...emptyCounts(), story: done, comment: done * 5 } });

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, out: { isTTY, columns: 200, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream };
}

describe("the progress", () => {
  it("shows a bar, the counts and the time left", () => {
    expect(progressLine(progress(250), 20)).toBe("[#####---------------] 250/1000 stories · 3m00s left · made 250 stories, 1250 comments");
    expect(progressLine(progress(0), 10)).toBe("[----------] 0/1000 stories · time left unknown · made nothing");
  });

  it("redraws one line on a terminal, ending it when done", () => {
    const { written, out } = stream(true);
    const print = progressPrinter(out);
    print(progress(1));
    print(progress(1000));
    expect(written[0]).toMatch(/^\r\u001b\[2K\[/);
    expect(written.at(-1)).toBe("\n");
  });

  it("writes plain lines every so many stories when not on a terminal", () => {
    const { written, out } = stream(false);
    const print = progressPrinter(out, 100);
    for (let done = 0; done <= 250; done++) print(progress(done, 250));
    expect(written).toHaveLength(4);
    expect(written.every((line) => !line.includes("\r") && line.endsWith("\n"))).toBe(true);
  });
});

describe("the report", () => {
  const report = (changes: Partial<ImportReport>): ImportReport => ({
    format: "wordpress",
    dryRun: false,
    created: emptyCounts(),
    existing: emptyCounts(),
    skipped: [],
    failed: [],
    warnings: [],
    seconds: 75.2,
    ...changes,
  });

  it("lists what was made, skipped by reason, failures, warnings and the time", () => {
    const text = formatReport(
      report({
        created: { ...emptyCounts(), story: 3, comment: 7 },
        skipped: [
          { item: "page 1", reason: "pages are not imported" },
          { item: "page 2", reason: "pages are not imported" },
        ],
        failed: [{ item: "post 9", reason: "headline: Write a headline" }],
        warnings: [{ item: "post 4", message: "image not found in ./uploads: https://old.example/a.jpg" }],
      }),
    );
    expect(text).toBe(
      [
        "Import finished.",
        "Created: 3 stories, 7 comments",
        "Skipped:",
        "  pages are not imported: 2 (page 1, page 2)",
        "Not imported (1):",
        "  post 9: headline: Write a headline",
        "Warnings (1):",
        "  post 4: image not found in ./uploads: https://old.example/a.jpg",
        "Time: 1m15s (75.2 s)",
      ].join("\n"),
    );
  });

  it("says when there is nothing to do, and when nothing was written", () => {
    expect(formatReport(report({ existing: { ...emptyCounts(), story: 3 } }))).toMatch(/^Nothing to do: everything in this archive was imported before\.\nCreated: nothing\nAlready imported: 3 stories/);
    expect(formatReport(report({ dryRun: true, created: { ...emptyCounts(), story: 2 } }))).toMatch(/^Dry run: nothing was written\.\nWould create: 2 stories/);
  });
});

describe("the format", () => {
  it.each([
    ['<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0">', "wordpress"],
    ["\uFEFF  <rss>", "wordpress"],
    ['{"db":[{"meta":{}}]}', "ghost"],
    ["<html><body>", null],
    ["name,date\n", null],
    ["", null],
  ])("reads %j as %s", (head, format) => {
    expect(detectFormat(head)).toBe(format);
  });
});
