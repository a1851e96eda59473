import type { Tally } from "./load";
import type { WriteCheck } from "./verify";

// The fault test's table: one row per fault, in the columns issue 15 asks for.

export interface FaultResult {
  fault: string;
  tally: Tally;
  check: WriteCheck;
  /** From the database accepting connections again (or the restart) to the first answer 200. */
  recoveryMs: number | null;
  alive: boolean;
  /** Writes of the fault itself, outside the load (uploads, the contested saves). */
  acknowledgedExtra?: number;
  foundExtra?: number;
  note?: string;
  problems: string[];
}

export interface ReportRow {
  fault: string;
  sent: number;
  statuses: Record<string, number>;
  acknowledged: number;
  found: number;
  lost: number;
  duplicated: number;
  recoverySeconds: number | null;
  note?: string;
  problems: string[];
}

const byStatus = (statuses: Record<string, number>) =>
  Object.entries(statuses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]) => `${status}: ${n}`)
    .join(", ");

export function formatTable(rows: ReportRow[]): string {
  const lines = [
    "| fault | requests | answers by status | acknowledged writes | found afterwards | lost | duplicated | time to recover | result |",
    "|---|---:|---|---:|---:|---:|---:|---:|---|",
  ];
  for (const row of rows) {
    const recovery = row.recoverySeconds === null ? "never" : `${row.recoverySeconds.toFixed(1)} s`;
    const result = row.problems.length ? `FAILED: ${row.problems.join("; ")}` : "ok";
    lines.push(`| ${row.fault} | ${row.sent} | ${byStatus(row.statuses)} | ${row.acknowledged} | ${row.found} | ${row.lost} | ${row.duplicated} | ${recovery} | ${result} |`);
  }
  const notes = rows.filter((row) => row.note).map((row) => `- ${row.fault}: ${row.note}`);
  return [...lines, ...(notes.length ? ["", ...notes] : [])].join("\n");
}
