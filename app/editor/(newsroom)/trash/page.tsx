import type { Metadata } from "next";
import Link from "next/link";
import { DataTable, type Column } from "@/components/editor/data-table";
import { StoryTrashForm } from "@/components/editor/trash-forms";
import { canEditAnyStory, canPurgeStories } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format/dates";
import { z } from "zod";
import { firstValues, olderPageHref, type SearchParams } from "@/lib/http/search-params";
import { listTrash, TRASH_DAYS, type TrashRow } from "@/lib/stories/trash";
import { idSchema } from "@/lib/validation/ids";
import { purgeStoryAction, restoreStoryAction } from "./actions";

export const metadata: Metadata = { title: "Trash" };

const filtersSchema = z.object({
  before: idSchema.optional().catch(undefined),
  purged: z.literal("1").optional().catch(undefined),
});

const when = (date: Date) => <time dateTime={date.toISOString()}>{formatDateTime(date.toISOString())}</time>;

function columns(canPurge: boolean): (Column<TrashRow> | false)[] {
  return [
    { header: "Headline", cell: (row) => <Link href={`/editor/stories/${row.id}`}>{row.headline}</Link> },
    { header: "Section", cell: (row) => row.sectionName },
    { header: "Trashed", cell: (row) => <>{when(row.trashedAt)}{row.trashedByName && <span className="muted"> by {row.trashedByName}</span>}</> },
    { header: "Deleted for good on", cell: (row) => when(row.purgeAt) },
    {
      header: "Actions",
      className: "row-actions",
      cell: (row) => (
        <>
          <StoryTrashForm storyId={row.id} action={restoreStoryAction} label={`Restore “${row.headline}”`} />
          {canPurge && <StoryTrashForm storyId={row.id} action={purgeStoryAction} label={`Delete “${row.headline}” for good`} danger />}
        </>
      ),
    },
  ];
}

export default async function TrashPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser(undefined, "/editor/trash");
  const { before, purged } = filtersSchema.parse(await firstValues(searchParams));
  const page = await listTrash(user, { before });
  return (
    <>
      <h1>Trash</h1>
      <p className="muted">
        Stories here are on no list and no page. Restore one to bring it back as it was (never published); each is deleted for good {TRASH_DAYS} days after it was
        trashed.{!canEditAnyStory(user) && " You see your own stories."}
      </p>
      {purged === "1" && (
        <p className="form-success" role="status">
          The story was deleted for good.
        </p>
      )}
      <DataTable rows={page.items} rowKey={(row) => row.id} columns={columns(canPurgeStories(user))} empty={before ? "No older stories in the trash." : "The trash is empty."} caption="Stories in the trash" />
      {page.nextCursor && (
        <nav aria-label="Pages" className="pagination">
          <Link href={olderPageHref("/editor/trash", {}, page.nextCursor)} rel="next">
            Older stories
          </Link>
        </nav>
      )}
    </>
  );
}
