import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { DataTable, type Column } from "@/components/editor/data-table";
import { FilterSelect } from "@/components/editor/filter-select";
import { StoryListKeys } from "@/components/editor/story-list-keys";
import { StoryStatusBadge, StoryStatusTabs } from "@/components/editor/story-status";
import { requireUser } from "@/lib/auth/session";
import { firstValues, olderPageHref, type SearchParams } from "@/lib/http/search-params";
import { formatDateTime } from "@/lib/format/dates";
import {
  countStoriesByStatus,
  listAuthorsForPicker,
  listSectionsForPicker,
  listStoriesForDashboard,
  storyStatuses,
  type DashboardRow,
} from "@/lib/stories/editor-queries";
import { MAX_SEARCH_LENGTH } from "@/lib/stories/search-vector";
import { canPublish } from "@/lib/auth/roles";
import { idSchema } from "@/lib/validation/ids";
import { NeedsYou } from "@/components/editor/needs-you";
import { ReadershipPanel } from "@/components/editor/charts/readership-panel";
import { Sparkline } from "@/components/editor/charts/sparkline";
import { dailyViewsByStory, SPARKLINE_DAYS, type DayViews } from "@/lib/analytics/charts";
import { readSiteSettings } from "@/lib/settings/site";

export const metadata: Metadata = { title: "Stories" };

const filtersSchema = z.object({
  status: z.enum(storyStatuses).optional().catch(undefined),
  section: idSchema.optional().catch(undefined),
  author: idSchema.optional().catch(undefined),
  mine: z.literal("1").optional().catch(undefined),
  // A longer query is cut, not refused: the box allows no more, and a pasted one still searches.
  q: z.string().trim().transform((q) => q.slice(0, MAX_SEARCH_LENGTH) || undefined).optional().catch(undefined),
  before: idSchema.optional().catch(undefined),
  denied: z.literal("1").optional().catch(undefined),
});

const columnsWith = (views: Map<number, DayViews[]>): Column<DashboardRow>[] => [
  { header: "Headline", cell: (row) => <Link href={`/editor/stories/${row.id}`}>{row.headline}</Link> },
  { header: "Status", cell: (row) => <StoryStatusBadge row={row} /> },
  { header: `Views, ${SPARKLINE_DAYS} days`, cell: (row) => <Sparkline headline={row.headline} days={views.get(row.id) ?? []} />, className: "views-cell" },
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
  const narrowing = { sectionId: filters.section, authorId: filters.author, createdById: filters.mine ? user.id : undefined, q: filters.q };
  const [page, counts, sections, authors, { timeZone }] = await Promise.all([
    listStoriesForDashboard(user, { ...narrowing, status: filters.status, before: filters.before }),
    countStoriesByStatus(user, narrowing),
    listSectionsForPicker(),
    listAuthorsForPicker(),
    readSiteSettings(),
  ]);
  const views = await dailyViewsByStory(page.rows.map((row) => row.id), { timeZone });
  const kept = { q: filters.q, section: filters.section, author: filters.author, mine: filters.mine };

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
      <ReadershipPanel user={user} timeZone={timeZone} />
      <StoryStatusTabs current={filters.status} counts={counts} filters={kept} />
      <form className="filters" method="get" role="search" aria-label="Filter stories">
        {filters.status && <input type="hidden" name="status" value={filters.status} />}
        <div className="filters-search">
          <label htmlFor="story-search">Search</label>
          <input type="search" id="story-search" name="q" maxLength={MAX_SEARCH_LENGTH} defaultValue={filters.q ?? ""} aria-describedby="story-search-hint" />
          <span id="story-search-hint" className="field-hint">
            Headline, deck, text, bylines and tags. &ldquo;Exact phrase&rdquo;, <kbd>or</kbd>, <kbd>-</kbd>word to leave out.
          </span>
        </div>
        <FilterSelect name="section" label="Section" value={filters.section} options={sections.map((s) => ({ value: s.id, label: s.path }))} />
        <FilterSelect name="author" label="Author" value={filters.author} options={authors.map((a) => ({ value: a.id, label: a.name }))} />
        <label className="checkbox">
          <input type="checkbox" name="mine" value="1" defaultChecked={filters.mine === "1"} /> Mine
        </label>
        <button type="submit" className="button">
          Filter
        </button>
      </form>

      <p className="muted keys-hint">
        Keys: <kbd>j</kbd> and <kbd>k</kbd> (or <kbd>↓</kbd> and <kbd>↑</kbd> in the list) move between stories, <kbd>Enter</kbd> opens one, <kbd>/</kbd> goes to the search.
      </p>
      <DataTable rows={page.rows} rowKey={(row) => row.id} columns={columnsWith(views)} empty="No stories match these filters." className="story-table" />
      <StoryListKeys table=".story-table" search="story-search" />
      {page.nextCursor && (
        <nav aria-label="Pages" className="pagination">
          <Link href={olderPageHref("/editor", { ...kept, status: filters.status }, page.nextCursor)} rel="next">
            Older changes
          </Link>
        </nav>
      )}
    </>
  );
}
