"use client";

import { useRouter } from "next/navigation";
import { formatZonedDateTime } from "@/lib/format/zoned";
import { BodyEditor } from "./body-editor";
import { BylinePicker } from "./byline-picker";
import { FieldError } from "./field";
import { HeroPicker } from "./hero-picker";
import type { Conflict } from "./send-and-report";
import type { EditorStory, StoryDraft } from "./story-draft";
import { RelatedStoriesField, SeoFields } from "./story-extra-fields";
import { StoryTextFields, TagsField } from "./story-fields";
import { useStoryEditor } from "./use-story-editor";
import { WorkflowPanel } from "./workflow-panel";

// The story editor: every field of a story, saved through the admin API (the same validation,
// permissions and revisions as scripted publishing). Drafts autosave; a save that started from
// an old revision is refused (409) and says who changed the story. State and protocol live in
// story-draft.ts and use-story-editor.ts; this file lays the fields out.

type Props = {
  initial: EditorStory;
  sections: { id: number; path: string }[];
  authors: { id: number; name: string }[];
  canPublish: boolean;
  canEdit: boolean;
  /** The site's time zone: every time here is on its clock. */
  timeZone: string;
};

function ConflictNotice({ conflict, timeZone }: { conflict: Conflict; timeZone: string }) {
  return (
    <div className="panel conflict" role="alert">
      <p>
        <strong>{conflict.updatedBy}</strong> saved this story at {formatZonedDateTime(conflict.updatedAt, timeZone)} (revision{" "}
        {conflict.revision}) after you opened it. Your changes were not saved, and nothing was overwritten.
      </p>
      <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
        Reload their version
      </button>
    </div>
  );
}

function SaveBar({ draft, canEdit }: { draft: StoryDraft; canEdit: boolean }) {
  return (
    <div className="save-bar" role="group" aria-label="Save">
      {canEdit && (
        <button type="submit" className="button button-primary" disabled={draft.saving || Boolean(draft.conflict)}>
          {draft.saving ? "Saving…" : "Save"}
        </button>
      )}
      <span role="status" className="muted">
        {draft.dirty ? "Unsaved changes" : draft.message}
      </span>
      {draft.error && (
        <span className="form-error" role="alert">
          {draft.error}
        </span>
      )}
    </div>
  );
}

export function StoryEditor({ initial, sections, authors, canPublish, canEdit, timeZone }: Props) {
  const router = useRouter();
  const { draft, dispatch, save, setBody } = useStoryEditor(initial, { canEdit, timeZone });
  const { story, fieldErrors } = draft;
  const update = (patch: Partial<EditorStory>) => dispatch({ type: "edit", patch });
  const disabled = !canEdit;
  return (
    <div className="story-editor">
      {draft.conflict && <ConflictNotice conflict={draft.conflict} timeZone={timeZone} />}
      {!canEdit && <p className="panel">You can read this story but not change it.</p>}
      <form
        className="editor-form story-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save(false);
        }}
        noValidate
      >
        <StoryTextFields draft={draft} dispatch={dispatch} sections={sections} disabled={disabled} />
        <BylinePicker authors={authors} value={story.authorIds} onChange={(authorIds) => update({ authorIds })} error={fieldErrors.authorIds} disabled={disabled} />
        <TagsField draft={draft} dispatch={dispatch} disabled={disabled} />
        <HeroPicker story={story} errors={fieldErrors} disabled={disabled} onChange={update} />
        <div className="field">
          <span className="label" id="body-label">
            Body
          </span>
          <BodyEditor initial={initial.body} storyId={story.id} invalid={Boolean(fieldErrors.body)} onChange={setBody} />
          <FieldError id="body-error" error={fieldErrors.body} />
        </div>
        <RelatedStoriesField storyId={story.id} related={story.related} disabled={disabled} error={fieldErrors.relatedIds} onChange={(related) => update({ related })} />
        <SeoFields story={story} disabled={disabled} onChange={update} />
        <SaveBar draft={draft} canEdit={canEdit} />
      </form>
      {story.id && (
        <WorkflowPanel
          storyId={story.id}
          status={story.status}
          publicPath={story.publicPath}
          scheduledAt={story.scheduledAt}
          timeZone={timeZone}
          canPublish={canPublish}
          canEdit={canEdit}
          dirty={draft.dirty}
          onChanged={(next) => {
            dispatch({ type: "status-changed", next });
            router.refresh();
          }}
        />
      )}
    </div>
  );
}
