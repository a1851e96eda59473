import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { ActionForm, Field } from "@/components/editor/action-form";
import { DataTable, type Column } from "@/components/editor/data-table";
import { FilterSelect } from "@/components/editor/filter-select";
import { firstValues, olderPageHref, type SearchParams } from "@/lib/http/search-params";
import { canModerate } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import {
  commentStatuses,
  listCommentedStories,
  listCommentsForModeration,
  type CommentStatus,
  type ModerationAction,
  type ModerationRow,
} from "@/lib/comments/moderation";
import { getCommentSettings, type CommentSettings } from "@/lib/comments/settings";
import { formatDateTime } from "@/lib/format/dates";
import { moderateCommentsAction, saveCommentSettingsAction } from "./actions";
import { idSchema } from "@/lib/validation/ids";

export const metadata: Metadata = { title: "Comments" };

const filtersSchema = z.object({
  status: z.enum(commentStatuses).optional().catch(undefined),
  story: idSchema.optional().catch(undefined),
  before: idSchema.optional().catch(undefined),
});

const statusLabels: Record<CommentStatus, string> = { pending: "Pending", approved: "Approved", spam: "Spam", removed: "Removed" };

const actionLabels: Record<ModerationAction, string> = { approve: "Approve", spam: "Spam", remove: "Remove", restore: "Restore" };

/** A row's own buttons: the decisions that make sense from its status (the bulk buttons do all). */
const rowActions: Record<CommentStatus, ModerationAction[]> = {
  pending: ["approve", "spam", "remove"],
  approved: ["remove", "spam"],
  spam: ["restore"],
  removed: ["restore"],
};

const EXCERPT_CHARACTERS = 280;

const premoderationOptions = [
  { value: "first-time", label: "First-time commenters" },
  { value: "everyone", label: "Everyone" },
  { value: "none", label: "Nobody: publish at once" },
];

/** Readers' text, always as plain text; long comments show an excerpt and open in full. */
function CommentExcerpt({ text }: { text: string }) {
  // By code point, so a cut never splits an emoji in half.
  const characters = Array.from(text);
  if (characters.length <= EXCERPT_CHARACTERS) return <p className="moderation-text">{text}</p>;
  return (
    <>
      <p className="moderation-text">{characters.slice(0, EXCERPT_CHARACTERS).join("").trimEnd()}…</p>
      <details>
        <summary>Whole comment ({characters.length.toLocaleString("en")} characters)</summary>
        <p className="moderation-text">{text}</p>
      </details>
    </>
  );
}

/** The comment table's columns; moderators also get a tick box and the row's own buttons. */
function commentColumns(moderator: boolean): (Column<ModerationRow> | false)[] {
  return [
    moderator && {
      header: <span className="visually-hidden">Select</span>,
      cell: (row) => (
        <label className="checkbox">
          <input type="checkbox" name="ids" value={row.id} />
          <span className="visually-hidden">Select the comment by <bdi>{row.authorName}</bdi></span>
        </label>
      ),
    },
    {
      header: "Comment",
      cell: (row) => (
        <>
          {/* Readers' names are isolated: none can reorder the text around it. */}
          <strong>
            <bdi>{row.authorName}</bdi>
          </strong>
          {row.parentId !== null && <span className="muted"> (a reply)</span>}
          <CommentExcerpt text={row.body} />
        </>
      ),
    },
    { header: "Story", cell: (row) => <Link href={row.storyPath}>{row.storyHeadline}</Link> },
    { header: "Status", cell: (row) => <span className={`status comment-status-${row.status}`}>{statusLabels[row.status]}</span> },
    { header: "Received", cell: (row) => <time dateTime={row.createdAt.toISOString()}>{formatDateTime(row.createdAt.toISOString())}</time> },
    moderator && {
      header: "Actions",
      className: "row-actions",
      cell: (row) =>
        rowActions[row.status].map((action) => (
          <button key={action} type="submit" name="action" value={`${action}:${row.id}`} className="button button-small">
            {actionLabels[action]}
            <span className="visually-hidden"> the comment by <bdi>{row.authorName}</bdi></span>
          </button>
        )),
    },
  ];
}

function CommentTable({ rows, moderator }: { rows: ModerationRow[]; moderator: boolean }) {
  return <DataTable rows={rows} rowKey={(row) => row.id} columns={commentColumns(moderator)} className="data-table moderation-table" />;
}

function BulkActions() {
  return (
    <div className="bulk-actions" role="group" aria-label="With the selected comments">
      <span>With the selected comments:</span>
      <button type="submit" name="action" value="approve" className="button button-primary">
        Approve selected
      </button>
      <button type="submit" name="action" value="spam" className="button">
        Mark selected as spam
      </button>
      <button type="submit" name="action" value="remove" className="button button-danger">
        Remove selected
      </button>
      <button type="submit" name="action" value="restore" className="button">
        Restore selected
      </button>
    </div>
  );
}

function CommentSettingsForm({ settings }: { settings: CommentSettings }) {
  return (
    <section aria-labelledby="comment-settings-heading">
      <h2 id="comment-settings-heading">Comment settings</h2>
      <ActionForm action={saveCommentSettingsAction} submitLabel="Save comment settings">
        <Field
          name="premoderation"
          label="Hold for moderation"
          type="select"
          hint="Whose comments wait for an editor before readers see them."
          defaultValue={settings.premoderation}
          options={premoderationOptions}
        />
        <Field
          name="closeAfterDays"
          label="Days until comments close"
          hint="Counted from publication; a whole number from 1 to 3650."
          defaultValue={String(settings.closeAfterDays)}
          required
        />
        <Field
          name="blockedWords"
          label="Blocked words"
          type="textarea"
          hint="One word or phrase per line. A comment containing one waits for moderation."
          defaultValue={settings.blockedWords.join("\n")}
        />
      </ActionForm>
    </section>
  );
}

export default async function CommentsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser(undefined, "/editor/comments");
  const moderator = canModerate(user);
  const raw = await firstValues(searchParams);
  const filters = filtersSchema.parse(raw);
  const [page, commented, settings] = await Promise.all([
    listCommentsForModeration(user, { status: filters.status, storyId: filters.story, before: filters.before }),
    listCommentedStories(user),
    moderator ? getCommentSettings() : null,
  ]);

  return (
    <>
      <h1>Comments</h1>
      {!moderator && <p className="muted">Comments on the stories you created. Editors and admins moderate them.</p>}
      <form className="filters" method="get" role="search" aria-label="Filter comments">
        <FilterSelect
          name="status"
          label="Status"
          value={filters.status}
          anyLabel="Any (pending first)"
          options={commentStatuses.map((s) => ({ value: s, label: statusLabels[s] }))}
        />
        <FilterSelect name="story" label="Story" value={filters.story} options={commented.map((s) => ({ value: s.id, label: s.headline }))} />
        <button type="submit" className="button">
          Filter
        </button>
      </form>

      {page.rows.length === 0 ? (
        <p className="empty">{filters.before ? "No older comments." : "No comments match these filters."}</p>
      ) : moderator ? (
        // One form around the table: the ticked boxes go with whichever bulk or row button is used.
        <ActionForm action={moderateCommentsAction} className="moderation-form">
          <CommentTable rows={page.rows} moderator />
          <BulkActions />
        </ActionForm>
      ) : (
        <CommentTable rows={page.rows} moderator={false} />
      )}
      {page.nextCursor && (
        <nav aria-label="Pages" className="pagination">
          <Link href={olderPageHref("/editor/comments", { status: filters.status, story: filters.story }, page.nextCursor)} rel="next">
            Older comments
          </Link>
        </nav>
      )}

      {settings && <CommentSettingsForm settings={settings} />}
    </>
  );
}
