import type { Counts, ImportReport, Progress } from "./run-state";

// What the import prints: a progress bar with counts and the time left on a terminal, a plain
// line now and then otherwise (a log file is not redrawn), and the final report.

const KIND_NAMES: [keyof Counts, string][] = [
  ["story", "stories"],
  ["section", "sections"],
  ["tag", "tags"],
  ["author", "authors"],
  ["media", "images"],
  ["comment", "comments"],
];

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h ? `${h}h${String(m).padStart(2, "0")}m` : m ? `${m}m${String(s).padStart(2, "0")}s` : `${s}s`;
}

const countsLine = (counts: Counts) =>
  KIND_NAMES.filter(([kind]) => counts[kind])
    .map(([kind, name]) => `${counts[kind]} ${name}`)
    .join(", ") || "nothing";

/** "[#####-----] 512/1000 stories · 3m12s left · made 498 stories, 2210 comments" */
export function progressLine(progress: Progress, width = 24): string {
  const share = progress.total ? Math.min(1, progress.done / progress.total) : 1;
  const filled = Math.round(share * width);
  const left = progress.done ? (progress.elapsedMs / progress.done) * (progress.total - progress.done) : null;
  const eta = left === null ? "time left unknown" : `${formatDuration(left)} left`;
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${progress.done}/${progress.total} stories · ${eta} · made ${countsLine(progress.created)}`;
}

/** Draws progress on a terminal (one redrawn line) or writes a line every `every` stories and at the end. */
export function progressPrinter(out: NodeJS.WriteStream, every = 100): (progress: Progress) => void {
  let lastDrawn = 0;
  return (progress) => {
    if (out.isTTY) {
      const now = Date.now();
      if (now - lastDrawn < 100 && progress.done < progress.total) return;
      lastDrawn = now;
      out.write(`\r\u001b[2K${progressLine(progress, 24).slice(0, (out.columns || 120) - 1)}`);
      if (progress.done >= progress.total) out.write("\n");
    } else if (progress.done % every === 0 || progress.done === progress.total) {
      out.write(`${progressLine(progress, 20)}\n`);
    }
  };
}

/** Skips grouped by reason: "pages are not imported: 3 (page 12, page 14, page 15)". */
function groupedSkips(report: ImportReport): string[] {
  const groups = new Map<string, string[]>();
  for (const skip of report.skipped) groups.set(skip.reason, [...(groups.get(skip.reason) ?? []), skip.item]);
  return [...groups].map(([reason, items]) => `  ${reason}: ${items.length} (${items.slice(0, 5).join(", ")}${items.length > 5 ? ", …" : ""})`);
}

export function formatReport(report: ImportReport): string {
  const lines: string[] = [];
  const nothing = Object.values(report.created).every((count) => count === 0);
  lines.push(report.dryRun ? "Dry run: nothing was written." : nothing && !report.failed.length ? "Nothing to do: everything in this archive was imported before." : "Import finished.");
  lines.push(`${report.dryRun ? "Would create" : "Created"}: ${countsLine(report.created)}`);
  if (Object.values(report.existing).some(Boolean)) lines.push(`Already imported: ${countsLine(report.existing)}`);
  if (report.skipped.length) lines.push("Skipped:", ...groupedSkips(report));
  if (report.failed.length) lines.push(`Not imported (${report.failed.length}):`, ...report.failed.map((fail) => `  ${fail.item}: ${fail.reason}`));
  if (report.warnings.length) lines.push(`Warnings (${report.warnings.length}):`, ...report.warnings.map((warning) => `  ${warning.item}: ${warning.message}`));
  lines.push(`Time: ${formatDuration(report.seconds * 1000)} (${report.seconds.toFixed(1)} s)`);
  return lines.join("\n");
}
