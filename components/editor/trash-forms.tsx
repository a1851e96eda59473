import type { FormState } from "@/lib/actions/errors";
import { formatDateTime } from "@/lib/format/dates";
import { ActionForm, Field } from "./action-form";

// The trash's buttons — move a story there, restore it, delete it for good — each a small form
// bound to its server action (app/editor/(newsroom)/trash/actions.ts), and the notice a story in
// the trash shows instead of its editor.

type Action = (state: FormState, data: FormData) => Promise<FormState>;

export function StoryTrashForm({ storyId, action, label, danger = false }: { storyId: number; action: Action; label: string; danger?: boolean }) {
  return (
    <ActionForm action={action} submitLabel={label} danger={danger} className="inline-form">
      <Field type="hidden" name="storyId" label="" defaultValue={String(storyId)} />
    </ActionForm>
  );
}

export function TrashedStoryNotice({
  story,
  purgeAt,
  restoreAction,
  purgeAction,
}: {
  story: { id: number; headline: string; trashedAt: Date; trashedByName: string | null };
  purgeAt: Date;
  restoreAction: Action | null;
  /** Editors and admins may delete it at once. */
  purgeAction: Action | null;
}) {
  return (
    <section className="panel" aria-labelledby="trashed-heading">
      <h2 id="trashed-heading">{story.headline}</h2>
      <p role="status">
        In the trash since {formatDateTime(story.trashedAt.toISOString())}
        {story.trashedByName && ` (moved there by ${story.trashedByName})`}. It will be deleted for good on{" "}
        {formatDateTime(purgeAt.toISOString())} unless it is restored.
      </p>
      {restoreAction && <StoryTrashForm storyId={story.id} action={restoreAction} label="Restore" />}
      {purgeAction && <StoryTrashForm storyId={story.id} action={purgeAction} label="Delete for good" danger />}
    </section>
  );
}
