import type { FormState } from "@/lib/actions/errors";
import { ActionForm, Field } from "./action-form";

/** The words of an image of the library, editable after upload: alt text (required), caption and credit. */
export function MediaDetailsForm({
  image,
  action,
}: {
  image: { id: number; alt: string; caption: string; credit: string };
  action: (state: FormState, data: FormData) => Promise<FormState>;
}) {
  return (
    <ActionForm action={action} submitLabel="Save alt text, caption and credit">
      <Field type="hidden" name="mediaId" label="" defaultValue={String(image.id)} />
      <Field name="alt" label="Alt text (required)" defaultValue={image.alt} hint="What the image shows, for people who cannot see it." required />
      <Field name="caption" label="Caption" defaultValue={image.caption} />
      <Field name="credit" label="Credit" defaultValue={image.credit} />
      <p className="muted">Stories keep the words they were given with the image; change those in each story.</p>
    </ActionForm>
  );
}
