"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo } from "react";
import { BodyEditor } from "./body-editor";
import { BylinePicker } from "./byline-picker";
import { CompareDialog, ConflictNotice, SetAsideVersion } from "./conflict-panel";
import { FieldError } from "./field";
import { HeroPicker } from "./hero-picker";
import { missingToCreate, wordCountText, type EditorStory, type StoryDraft } from "./story-draft";
import { RelatedStoriesField, SeoFields } from "./story-extra-fields";
import { StoryPlacementFields, StoryTextFields, TagsField } from "./story-fields";
import { useConflict, type ConflictControls } from "./use-conflict";
import { usePresence } from "./use-presence";
import { useStoryEditor } from "./use-story-editor";
import { useWorkflow } from "./use-workflow";
import { WorkflowActions, WorkflowPanel } from "./workflow-panel";

// The story editor, writing first: headline, deck and body fill the main column; everything
// else sits in a side panel (sticky beside the text on wide screens, below it on narrow ones);
// the status, the last save and the actions stay in a top bar. Saved through the admin API (the
// same validation, permissions and revisions as scripted publishing). State and protocol live in
// story-draft.ts and use-story-editor.ts; this file lays the parts out.

type Props = {
  initial: EditorStory;
  /** The page's title row (heading, revisions, trash), shown in the top bar. */
  title: React.ReactNode;
  sections: { id: number; path: string }[];
  authors: { id: number; name: string }[];
  canPublish: boolean;
  /** Why this person may only read the story (lib/stories/permissions.ts); null when they may edit it. */
  readOnly: string | null;
  /** The site's time zone: every time here is on its clock. */
  timeZone: string;
};

/** The last save, or what is unsaved: for a new story, what it needs before it can be saved. */
function saveState(draft: StoryDraft): string | null {
  const missing = draft.story.id === null ? missingToCreate(draft.story) : [];
  if (draft.dirty && missing.length) return `Not saved yet: add ${missing.join(", ")} and it saves itself.`;
  return draft.dirty ? "Unsaved changes" : draft.message;
}

type SaveProps = { draft: StoryDraft; canEdit: boolean; save: (auto: boolean) => Promise<void>; conflict: ConflictControls; timeZone: string };

function SaveControls({ draft, canEdit, save, conflict, timeZone }: SaveProps) {
  return (
    <div className="save-bar" role="group" aria-label="Save">
      {canEdit && (
        <button type="button" className="button button-primary" disabled={draft.saving || Boolean(draft.conflict)} onClick={() => void save(false)} aria-keyshortcuts="Control+S Meta+S">
          {draft.saving ? "Saving…" : "Save"}
        </button>
      )}
      <span role="status" className="muted">
        {saveState(draft)}
      </span>
      {draft.error && (
        <span className="form-error" role="alert">
          {draft.error}
        </span>
      )}
      {draft.conflict && <ConflictNotice conflict={draft.conflict} focus={draft.focusConflict} timeZone={timeZone} controls={conflict} />}
    </div>
  );
}

/** "Also editing: Ana Ruiz", kept in the page (empty) so a change is announced. */
function Presence({ others }: { others: string[] }) {
  return (
    <p className="presence" role="status">
      {others.length > 0 && `Also editing: ${others.join(", ")}`}
    </p>
  );
}

export function StoryEditor({ initial, title, sections, authors, canPublish, readOnly, timeZone }: Props) {
  const router = useRouter();
  const canEdit = readOnly === null;
  const editor = useStoryEditor(initial, { canEdit, timeZone });
  const { draft, dispatch, save, setBody } = editor;
  const { story, fieldErrors } = draft;
  const names = useMemo(() => ({ sections: new Map(sections.map((s) => [s.id, s.path])), authors: new Map(authors.map((a) => [a.id, a.name])) }), [sections, authors]);
  const conflict = useConflict(editor, names);
  const others = usePresence(story.id, story.revision);
  const update = (patch: Partial<EditorStory>) => dispatch({ type: "edit", patch });
  const workflow = useWorkflow(story.id, (next) => {
    dispatch({ type: "status-changed", next });
    router.refresh();
  });
  const flow = { workflow, status: story.status, canPublish, canEdit, dirty: draft.dirty };
  return (
    <div className="story-editor">
      <div className="story-topbar">
        <div className="story-topbar-title">{initial.id === null && story.id !== null ? <CreatedTitle id={story.id} /> : title}</div>
        <Presence others={others} />
        <SaveControls draft={draft} canEdit={canEdit} save={save} conflict={conflict} timeZone={timeZone} />
        <WorkflowActions {...flow} created={story.id !== null} />
      </div>
      {draft.conflict && <CompareDialog controls={conflict} by={draft.conflict.updatedBy} saving={draft.saving} />}
      {readOnly && (
        <p className="panel read-only-notice" role="note">
          <strong>Read only.</strong> {readOnly}
        </p>
      )}
      <div className="story-layout">
        <div className="story-main">
          <StoryTextFields draft={draft} dispatch={dispatch} disabled={!canEdit} autoFocus={canEdit && story.id === null} />
          <div className="field">
            <span className="label" id="body-label">
              Body
            </span>
            <BodyEditor key={draft.loads} initial={draft.loads ? story.body : initial.body} storyId={story.id} invalid={Boolean(fieldErrors.body)} onChange={setBody} editable={canEdit} autoFocus={initial.id !== null && draft.loads === 0} />
            <FieldError id="body-error" error={fieldErrors.body} />
            <p className="word-count muted">{wordCountText(draft.words)}</p>
            {draft.setAside && <SetAsideVersion text={draft.setAside} onDismiss={() => dispatch({ type: "dismiss-set-aside" })} />}
          </div>
        </div>
        <aside className="story-side" aria-label="Story settings">
          {story.id !== null && <WorkflowPanel {...flow} publicPath={story.publicPath} scheduledAt={story.scheduledAt} timeZone={timeZone} />}
          <StoryPlacementFields draft={draft} dispatch={dispatch} sections={sections} disabled={!canEdit} />
          <BylinePicker authors={authors} value={story.authorIds} onChange={(authorIds) => update({ authorIds })} error={fieldErrors.authorIds} disabled={!canEdit} />
          <TagsField draft={draft} dispatch={dispatch} disabled={!canEdit} />
          <HeroPicker story={story} errors={fieldErrors} disabled={!canEdit} onChange={update} />
          <RelatedStoriesField storyId={story.id} related={story.related} disabled={!canEdit} error={fieldErrors.relatedIds} onChange={(related) => update({ related })} />
          <SeoFields story={story} disabled={!canEdit} onChange={update} />
        </aside>
      </div>
    </div>
  );
}

/** A story created on this page (its first save): the title row of the story's own page. */
function CreatedTitle({ id }: { id: number }) {
  useEffect(() => {
    document.title = document.title.replace(/^New story/, "Edit story");
  }, []);
  return (
    <>
      <h1>Edit story</h1>
      <Link href={`/editor/stories/${id}/revisions`}>Revisions</Link>
    </>
  );
}
