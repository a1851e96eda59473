import { Field } from "./action-form";
import { AuthorPhotoPicker } from "./author-photo-picker";
import type { MediaItem } from "./hero-picker";
import { linksToLines } from "@/lib/authors/links";
import type { EditableAuthor } from "@/lib/authors/newsroom-queries";
import { AUTHOR_BIO_MAX } from "@/lib/authors/schemas";

// The fields of an author profile, for the form that adds one and the form that edits one.

/** A profile as the form fills in, from the edit page's `EditableAuthor` (its id is in the form's address); the photo as the pickers carry it. */
type AuthorFieldValues = Omit<EditableAuthor, "id" | "photo"> & { photo: MediaItem | null };

type Account = { id: number; name: string; email: string; authorId: number | null };

/** "No account" and every account that has no profile other than this one. */
function accountOptions(accounts: Account[], selfId: number | null) {
  return [
    { value: "", label: "None: a contributor without an account" },
    ...accounts
      .filter((account) => account.authorId === null || account.authorId === selfId)
      .map((account) => ({ value: String(account.id), label: `${account.name} (${account.email})` })),
  ];
}

export function AuthorFields({ author, selfId, accounts }: { author?: AuthorFieldValues; selfId: number | null; accounts: Account[] }) {
  return (
    <>
      <Field name="name" label="Name" defaultValue={author?.name} required />
      <Field name="slug" label="Slug" defaultValue={author?.slug} hint="The page's address: /authors/<slug>. Lowercase letters, digits and single hyphens. Left empty, it is made from the name." />
      <Field name="title" label="Title" defaultValue={author?.title} hint="For example “Washington correspondent”." />
      <Field name="bio" label="Short bio" type="textarea" defaultValue={author?.bio} hint={`At most ${AUTHOR_BIO_MAX} characters.`} />
      <AuthorPhotoPicker initial={author?.photo ?? null} resetOnSave={!author} />
      <Field
        name="links"
        label="Links"
        type="textarea"
        defaultValue={author ? linksToLines(author.links) : ""}
        hint="One a line: a label, then the address, e.g. “Newsletter https://example.org/letter”. http and https only, at most 10."
      />
      <Field
        name="userId"
        label="Staff account"
        type="select"
        defaultValue={author?.userId ? String(author.userId) : ""}
        options={accountOptions(accounts, selfId)}
        hint="The account whose new stories carry this byline by default. Each account has at most one profile."
      />
    </>
  );
}
