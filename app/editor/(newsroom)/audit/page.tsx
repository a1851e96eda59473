import { siteTimeZone } from "@/lib/settings/time-zone";
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { DataTable, type Column } from "@/components/editor/data-table";
import { listAuditPage } from "@/lib/audit/log";
import { canReadAuditLog } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { firstValues, olderPageHref, type SearchParams } from "@/lib/http/search-params";
import { formatDateTime } from "@/lib/format/dates";
import { parseZonedLocal } from "@/lib/format/zoned";
import { idSchema } from "@/lib/validation/ids";

export const metadata: Metadata = { title: "Audit log" };

/** A datetime-local value, on the site's clock like every time in the newsroom; anything else is no filter. */
const siteTime = z
  .string()
  .optional()
  .catch(undefined)
  .transform((value) => (value ? (parseZonedLocal(value, siteTimeZone()) ?? undefined) : undefined));

const filtersSchema = z.object({
  action: z.string().trim().regex(/^[a-z_.]{1,60}$/).optional().catch(undefined),
  since: siteTime,
  until: siteTime,
  before: idSchema.optional().catch(undefined),
});

const PAGE_SIZE = 50;

type AuditRow = Awaited<ReturnType<typeof listAuditPage>>["items"][number];

const columns: Column<AuditRow>[] = [
  { header: "When", cell: (entry) => formatDateTime(entry.createdAt.toISOString()) },
  { header: "Who", cell: (entry) => entry.actorName ?? <span className="muted">unknown</span> },
  {
    header: "What",
    cell: (entry) => (
      <>
        <code>{entry.action}</code>
        {Object.keys(entry.details).length > 0 && <div className="muted">{JSON.stringify(entry.details)}</div>}
      </>
    ),
  },
  { header: "Target", cell: (entry) => (entry.targetType ? `${entry.targetType} ${entry.targetId}` : "—") },
  { header: "From", cell: (entry) => entry.ip ?? "—" },
];

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser(canReadAuditLog, "/editor/audit");
  const raw = await firstValues(searchParams);
  const filters = filtersSchema.parse(raw);
  const { items: entries, nextCursor: olderCursor } = await listAuditPage({ ...filters, limit: PAGE_SIZE });
  // The dates as typed, so the older page's form shows them as this one does.
  const olderFilters = { action: filters.action, since: filters.since ? raw.since : undefined, until: filters.until ? raw.until : undefined };
  return (
    <>
      <h1>Audit log</h1>
      <p className="muted">{`Times are in ${siteTimeZone()}.`}</p>
      <form className="filters" method="get" aria-label="Filter the audit log">
        <label>
          Action
          <input type="text" name="action" defaultValue={filters.action ?? ""} placeholder="e.g. story.publish" />
        </label>
        <label>
          Since
          <input type="datetime-local" name="since" defaultValue={raw.since ?? ""} />
        </label>
        <label>
          Until
          <input type="datetime-local" name="until" defaultValue={raw.until ?? ""} />
        </label>
        <button type="submit" className="button">
          Filter
        </button>
      </form>
      <DataTable rows={entries} rowKey={(entry) => entry.id} columns={columns} empty="Nothing recorded for these filters." />
      {olderCursor && (
        <nav aria-label="Pages" className="pagination">
          <Link href={olderPageHref("/editor/audit", olderFilters, olderCursor)} rel="next">
            Older entries
          </Link>
        </nav>
      )}
    </>
  );
}
