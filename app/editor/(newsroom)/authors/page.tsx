import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/editor/action-form";
import { AuthorFields } from "@/components/editor/author-fields";
import { DataTable, type Column } from "@/components/editor/data-table";
import { canManageAuthors } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { listAccountsForLinking, listAuthorsForNewsroom, type NewsroomAuthor } from "@/lib/authors/newsroom-queries";
import { createAuthorAction } from "./actions";

// GET /editor/authors – every byline (staff with their account, contributors without one), and
// the form that adds a contributor. Editors and admins only.

export const metadata: Metadata = { title: "Authors" };

const columns: Column<NewsroomAuthor>[] = [
  {
    header: "Name",
    cell: (author) => (
      <>
        <Link href={`/editor/authors/${author.id}`}>{author.name}</Link>
        <br />
        <code className="muted">/authors/{author.slug}</code>
      </>
    ),
  },
  { header: "Title", cell: (author) => author.title },
  { header: "Account", cell: (author) => (author.account ? `${author.account.name} (${author.account.email})` : "Contributor, no account") },
  { header: "Stories", cell: (author) => author.stories },
];

export default async function AuthorsPage() {
  await requireUser(canManageAuthors, "/editor/authors");
  const [authors, accounts] = await Promise.all([listAuthorsForNewsroom(), listAccountsForLinking()]);
  return (
    <>
      <h1>Authors</h1>
      <p className="muted">
        The bylines stories can carry. Every staff account has its own, made with the account; add contributors who have no account here.
        An author&apos;s page appears once one of their stories is published.
      </p>
      <DataTable rows={authors} rowKey={(author) => author.id} columns={columns} empty="No authors yet." caption="Authors" />

      <h2>Add an author</h2>
      <ActionForm action={createAuthorAction} submitLabel="Add author">
        <AuthorFields selfId={null} accounts={accounts} />
      </ActionForm>
    </>
  );
}
