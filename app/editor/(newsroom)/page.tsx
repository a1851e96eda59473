import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { DataTable, type Column } from "@/components/editor/data-table";
import { FilterSelect } from "@/components/editor/filter-select";
import { requireUser } from "@/lib/auth/session";
import { firstValues, olderPageHref, type SearchParams } from "@/lib/http/search-params";
import { formatDateTime } from "@/lib/format/dates";
import {
  listAuthorsForPicker,
  listSectionsForPicker,
  listStoriesForDashboard,
  storyStatuses,
  type DashboardRow,
} from "@/lib/stories/editor-queries";
import { canPublish } from "@/lib/auth/roles";
import { idSchema } from "@/lib/validation/ids";
import { NeedsYou } from "@/components/editor/needs-you";

export const metadata: Metadata = { title: "Stories" };

const filtersSchema = z.object({
  status: z.enum(storyStatuses).optional().catch(undefined),
  section: idSchema.optional().catch(undefined),
  author: idSchema.optional().catch(undefined),
  mine: z.literal("1").optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  before: idSchema.optional().catch(undefined),
  denied: z.literal("1").optional().catch(undefined),
});

const statusLabels: Record<(typeof storyStatuses)[number], string> = {
  draft: "Draft",
  review: "In review",
  scheduled: "Scheduled",
  published: "Published",
  unpublished: "Unpublished",
};

const columns: Column<DashboardRow>[] = [
  { header: "Headline", cell: (row) => <Link href={`/editor/stories/${row.id}`}>{row.headline}</Link> },
  {
    header: "Status",
    cell: (row) => (
      <>
        <span className={`status status-${row.status}`}>{statusLabels[row.status]}</span>
        {row.status === "scheduled" && row.scheduledAt && <span className="muted"> for {formatDateTime(row.scheduledAt.toISOString())}</span>}
      </>
    ),
  },
  { header: "Section", cell: (row) => row.sectionName },
  { header: "Authors", cell: (row) => row.bylines.join(", ") || "—" },
  {
    header: "Last change",
    cell: (row) => (
      <>
        <time dateTime={row.updatedAt.toISOString()}>{formatDateTime(row.updatedAt.toISOString())}</time>
        {row.updatedByName && <span className="muted"> by {row.updatedByName}</span>}
      </>
    ),
  },
];

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const raw = await firstValues(searchParams);
  const filters = filtersSchema.parse(raw);
  const [page, sections, authors] = await Promise.all([
    listStoriesForDashboard(user, {
      status: filters.status,
      sectionId: filters.section,
      authorId: filters.author,
      createdById: filters.mine ? user.id : undefined,
      q: filters.q,
      before: filters.before,
    }),
    listSectionsForPicker(),
    listAuthorsForPicker(),
  ]);

  return (
    <>
      <div className="editor-title-row">
        <h1>Stories</h1>
        <Link href="/editor/stories/new" className="button button-primary">
          New story
        </Link>
      </div>
      {!canPublish(user) && <p className="muted">Your own stories, and everything published.</p>}
      {filters.denied && (
        <p className="panel form-error" role="alert">
          You do not have permission to open that page.
        </p>
      )}
      <NeedsYou user={user} />
      <form className="filters" method="get" role="search" aria-label="Filter stories">
        <label>
          Headline
          <input type="search" name="q" defaultValue={filters.q ?? ""} />
        </label>
        <FilterSelect name="status" label="Status" value={filters.status} options={storyStatuses.map((s) => ({ value: s, label: statusLabels[s] }))} />
        <FilterSelect name="section" label="Section" value={filters.section} options={sections.map((s) => ({ value: s.id, label: s.path }))} />
        <FilterSelect name="author" label="Author" value={filters.author} options={authors.map((a) => ({ value: a.id, label: a.name }))} />
        <label className="checkbox">
          <input type="checkbox" name="mine" value="1" defaultChecked={filters.mine === "1"} /> Mine
        </label>
        <button type="submit" className="button">
          Filter
        </button>
      </form>

      <DataTable rows={page.rows} rowKey={(row) => row.id} columns={columns} empty="No stories match these filters." className="story-table" />
      {page.nextCursor && (
        <nav aria-label="Pages" className="pagination">
          <Link href={olderPageHref("/editor", { q: filters.q, status: filters.status, section: filters.section, author: filters.author, mine: filters.mine }, page.nextCursor)} rel="next">
            Older changes
          </Link>
        </nav>
      )}
    </>
  );
}
