import Link from "next/link";
import { formatDateTime } from "@/lib/format/dates";
import { listPageHref } from "@/lib/http/search-params";
import { storyStatuses, type DashboardRow, type StoryStatus } from "@/lib/stories/editor-queries";

// A story's status as the newsroom's list shows it: a badge that says it in words (its colour only
// repeats them), when a scheduled story goes out, and whether readers were sent corrections; and
// the list's status tabs, each with how many stories of the work in hand it holds.

export const statusLabels: Record<StoryStatus, string> = {
  draft: "Draft",
  review: "In review",
  scheduled: "Scheduled",
  published: "Published",
  unpublished: "Unpublished",
};

export function StoryStatusBadge({ row }: { row: Pick<DashboardRow, "status" | "scheduledAt" | "corrections"> }) {
  return (
    <>
      <span className={`status status-${row.status}`}>{statusLabels[row.status]}</span>
      {row.status === "scheduled" && row.scheduledAt && (
        <span className="muted">
          {" "}
          for <time dateTime={row.scheduledAt.toISOString()}>{formatDateTime(row.scheduledAt.toISOString())}</time>
        </span>
      )}
      {row.corrections > 0 && (
        <span className="status-note"> {row.corrections === 1 ? "1 correction" : `${row.corrections} corrections`}</span>
      )}
    </>
  );
}

/** Links to the list of each status (and all of them), keeping the other filters. */
export function StoryStatusTabs({
  current,
  counts,
  filters,
}: {
  current: StoryStatus | undefined;
  counts: Partial<Record<StoryStatus, number>>;
  filters: Record<string, string | number | undefined>;
}) {
  const tabs: [StoryStatus | undefined, string][] = [[undefined, "All"], ...storyStatuses.map((status): [StoryStatus, string] => [status, statusLabels[status]])];
  return (
    <nav aria-label="Stories by status" className="status-tabs">
      <ul>
        {tabs.map(([status, label]) => (
          <li key={label}>
            <Link href={listPageHref("/editor", { ...filters, status })} aria-current={status === current ? "page" : undefined}>
              {label}
              {status && counts[status] !== undefined && <span className="status-count"> {counts[status]}</span>}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
