import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ActionForm, Field } from "@/components/editor/action-form";
import { DataTable, type Column } from "@/components/editor/data-table";
import { RevisionComparison } from "@/components/editor/revision-comparison";
import { requireUser } from "@/lib/auth/session";
import type { SearchParams } from "@/lib/http/search-params";
import { formatDateTime } from "@/lib/format/dates";
import { getStoryForEditing } from "@/lib/stories/editor-queries";
import { canEditStory, canViewStory } from "@/lib/stories/permissions";
import { compareRevisions, listRevisions } from "@/lib/stories/revisions";
import { restoreRevisionAction } from "./actions";
import { idSchema } from "@/lib/validation/ids";
import { isIdText } from "@/lib/validation/ids";

export const metadata: Metadata = { title: "Revisions" };

const compareSchema = z.object({ a: idSchema, b: idSchema });

type Revision = Awaited<ReturnType<typeof listRevisions>>[number];

/** Newest first; the form opens comparing the previous revision to the newest. */
function revisionColumns(revisions: Revision[]): Column<Revision>[] {
  const position = (revision: Revision) => revisions.indexOf(revision);
  return [
    { header: "Revision", cell: (revision) => revision.revision },
    { header: "Saved", cell: (revision) => formatDateTime(revision.createdAt.toISOString()) },
    { header: "By", cell: (revision) => revision.authorName ?? "—" },
    {
      header: "Compare from",
      cell: (revision) => (
        <input type="radio" name="a" value={revision.revision} defaultChecked={position(revision) === 1} aria-label={`Compare from revision ${revision.revision}`} />
      ),
    },
    {
      header: "to",
      cell: (revision) => (
        <input type="radio" name="b" value={revision.revision} defaultChecked={position(revision) === 0} aria-label={`Compare to revision ${revision.revision}`} />
      ),
    },
  ];
}

type Props = { params: Promise<{ id: string }>; searchParams: SearchParams };

export default async function RevisionsPage({ params, searchParams }: Props) {
  const { id: raw } = await params;
  const user = await requireUser(undefined, `/editor/stories/${raw}/revisions`);
  const id = isIdText(raw) ? Number(raw) : null;
  const story = id ? await getStoryForEditing(id) : null;
  if (!story || !canViewStory(user, story)) notFound();
  const revisions = await listRevisions(story.id);
  const query = compareSchema.safeParse(await searchParams);
  const known = new Set(revisions.map((r) => r.revision));
  const comparison = query.success && known.has(query.data.a) && known.has(query.data.b) ? await compareRevisions(story.id, query.data.a, query.data.b) : null;
  const canRestore = canEditStory(user, story);

  return (
    <>
      <p>
        <Link href={`/editor/stories/${story.id}`}>← Back to the story</Link>
      </p>
      <h1>Revisions of “{story.headline}”</h1>
      <form method="get" className="revisions-form" aria-label="Compare two revisions">
        <DataTable rows={revisions} rowKey={(revision) => revision.revision} columns={revisionColumns(revisions)} />
        <button type="submit" className="button">
          Compare
        </button>
      </form>

      {comparison && query.success && (
        <section aria-labelledby="comparison-heading" className="panel">
          <h2 id="comparison-heading">
            Revision {query.data.a} → {query.data.b}
          </h2>
          <RevisionComparison comparison={comparison} />
          {canRestore && (
            <ActionForm action={restoreRevisionAction} submitLabel={`Restore revision ${query.data.a}`}>
              <Field type="hidden" name="storyId" label="" defaultValue={String(story.id)} />
              <Field type="hidden" name="revision" label="" defaultValue={String(query.data.a)} />
              <Field type="hidden" name="baseRevision" label="" defaultValue={String(story.revision)} />
            </ActionForm>
          )}
        </section>
      )}
    </>
  );
}
