import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm, Field } from "@/components/editor/action-form";
import { AuthorFields } from "@/components/editor/author-fields";
import { canManageAuthors } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { getAuthorForEditing, listAccountsForLinking } from "@/lib/authors/newsroom-queries";
import { isIdText } from "@/lib/validation/ids";
import { updateAuthorAction } from "../actions";

// GET /editor/authors/<id> – one author profile: name, slug, title, bio, photo, links and the
// staff account it belongs to. Saving refreshes the author page and the stories with the byline.

export const metadata: Metadata = { title: "Edit author" };

export default async function EditAuthorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUser(canManageAuthors, `/editor/authors/${id}`);
  const author = isIdText(id) ? await getAuthorForEditing(Number(id)) : null;
  if (!author) notFound();
  const accounts = await listAccountsForLinking();
  return (
    <>
      <p>
        <Link href="/editor/authors">Authors</Link>
      </p>
      <h1>{author.name}</h1>
      <p className="muted">
        Public page: <Link href={`/authors/${author.slug}`}>/authors/{author.slug}</Link> (once a story of theirs is published).
      </p>
      <ActionForm action={updateAuthorAction} submitLabel="Save profile">
        <Field type="hidden" name="authorId" label="" defaultValue={String(author.id)} />
        <AuthorFields author={author} selfId={author.id} accounts={accounts} />
      </ActionForm>
    </>
  );
}
