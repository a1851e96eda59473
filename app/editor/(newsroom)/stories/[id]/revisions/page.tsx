import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ActionForm, Field } from "@/components/editor/action-form";
import { requireUser } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format/dates";
import { getStoryForEditing } from "@/lib/stories/editor-queries";
import { canEditStory, canViewStory } from "@/lib/stories/permissions";
import { compareRevisions, listRevisions } from "@/lib/stories/revisions";
import { restoreRevisionAction } from "./actions";
import { idSchema } from "@/lib/validation/ids";
import { isIdText } from "@/lib/validation/ids";

export const metadata: Metadata = { title: "Revisions" };

const compareSchema = z.object({ a: idSchema, b: idSchema });

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

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
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Revision</th>
              <th scope="col">Saved</th>
              <th scope="col">By</th>
              <th scope="col">Compare from</th>
              <th scope="col">to</th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((revision, index) => (
              <tr key={revision.revision}>
                <td>{revision.revision}</td>
                <td>{formatDateTime(revision.createdAt.toISOString())}</td>
                <td>{revision.authorName ?? "—"}</td>
                <td>
                  <input type="radio" name="a" value={revision.revision} defaultChecked={index === 1} aria-label={`Compare from revision ${revision.revision}`} />
                </td>
                <td>
                  <input type="radio" name="b" value={revision.revision} defaultChecked={index === 0} aria-label={`Compare to revision ${revision.revision}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="submit" className="button">
          Compare
        </button>
      </form>

      {comparison && query.success && (
        <section aria-labelledby="comparison-heading" className="panel">
          <h2 id="comparison-heading">
            Revision {query.data.a} → {query.data.b}
          </h2>
          {comparison.fields.length === 0 && comparison.body.every((line) => line.kind === "same") && <p>No differences.</p>}
          {comparison.fields.length > 0 && (
            <dl className="diff-fields">
              {comparison.fields.map((change) => (
                <div key={change.field}>
                  <dt>{change.field}</dt>
                  <dd>
                    <del>{JSON.stringify(change.before)}</del> <ins>{JSON.stringify(change.after)}</ins>
                  </dd>
                </div>
              ))}
            </dl>
          )}
          <div className="diff-body">
            {comparison.body.map((line, index) =>
              line.kind === "same" ? (
                <p key={index}>{line.text}</p>
              ) : line.kind === "added" ? (
                <p key={index}>
                  <ins>{line.text}</ins>
                </p>
              ) : (
                <p key={index}>
                  <del>{line.text}</del>
                </p>
              ),
            )}
          </div>
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
