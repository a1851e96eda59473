"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { slugify } from "@/lib/format/slug";
import { formatZonedDateTime } from "@/lib/format/zoned";
import type { StoryStatus } from "@/lib/stories/editor-queries";
import { toStoryDocument } from "@/lib/stories/tiptap";
import { BodyEditor } from "./body-editor";
import { BylinePicker } from "./byline-picker";
import { HeroPicker, type MediaItem } from "./hero-picker";
import type { PickedStory } from "./related-picker";
import { RelatedStoriesField, SeoFields } from "./story-extra-fields";
import { useUnsavedWarning } from "./use-unsaved-warning";
import { WorkflowPanel } from "./workflow-panel";

// The story editor: every field of a story, saved through the admin API (the same validation,
// permissions and revisions as scripted publishing). Drafts autosave; a save that started from
// an old revision is refused (409) and says who changed the story.

export interface EditorStory {
  id: number | null;
  revision: number;
  status: StoryStatus;
  headline: string;
  deck: string;
  slug: string;
  sectionId: number | null;
  tags: string[];
  authorIds: number[];
  hero: MediaItem | null;
  heroAlt: string;
  heroCaption: string;
  heroCredit: string;
  body: unknown;
  related: PickedStory[];
  seoTitle: string;
  seoDescription: string;
  commentsOpen: boolean;
  publicPath: string | null;
  scheduledAt: string | null;
}

type Conflict = { updatedBy: string; updatedAt: string; revision: number };

const AUTOSAVE_MS = 10_000;

export function StoryEditor({
  initial,
  sections,
  authors,
  media,
  canPublish,
  canEdit,
  timeZone,
}: {
  initial: EditorStory;
  sections: { id: number; path: string }[];
  authors: { id: number; name: string }[];
  media: MediaItem[];
  canPublish: boolean;
  canEdit: boolean;
  /** The site's time zone: every time here is on its clock. */
  timeZone: string;
}) {
  const router = useRouter();
  const [story, setStory] = useState(initial);
  const [slugTouched, setSlugTouched] = useState(initial.id !== null);
  const [tagsText, setTagsText] = useState(initial.tags.join(", "));
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const bodyRef = useRef<unknown>(initial.body);

  const update = useCallback((patch: Partial<EditorStory>) => {
    setStory((current) => ({ ...current, ...patch }));
    setDirty(true);
  }, []);

  const save = useCallback(
    async (auto = false) => {
      if (saving || conflict || !canEdit) return;
      setSaving(true);
      setError(null);
      const payload = {
        baseRevision: story.revision,
        headline: story.headline,
        deck: story.deck,
        slug: story.slug,
        sectionId: story.sectionId,
        tags: tagsText.split(",").map((tag) => tag.trim()).filter(Boolean),
        authorIds: story.authorIds,
        heroMediaId: story.hero?.id ?? null,
        heroAlt: story.heroAlt,
        heroCaption: story.heroCaption,
        heroCredit: story.heroCredit,
        body: toStoryDocument(bodyRef.current),
        relatedIds: story.related.map((related) => related.id),
        seoTitle: story.seoTitle,
        seoDescription: story.seoDescription,
        commentsOpen: story.commentsOpen,
      };
      try {
        const response = await fetch(story.id ? `/api/admin/stories/${story.id}` : "/api/admin/stories", {
          method: story.id ? "PATCH" : "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(payload),
        });
        const data = await response.json().catch(() => ({}));
        if (response.status === 409) {
          setConflict({ updatedBy: data.updatedBy, updatedAt: data.updatedAt, revision: data.revision });
          return;
        }
        if (response.status === 422) {
          setFieldErrors(data.fieldErrors ?? {});
          setError(auto ? "Not autosaved: check the highlighted fields." : (data.error ?? "Check the highlighted fields."));
          return;
        }
        if (!response.ok) {
          setError(data.error ?? `Not saved (${response.status}).`);
          return;
        }
        setFieldErrors({});
        setDirty(false);
        setMessage(`${auto ? "Autosaved" : "Saved"} at ${new Date().toLocaleTimeString("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", second: "2-digit" })}`);
        if (!story.id) {
          router.replace(`/editor/stories/${data.id}`);
          return;
        }
        setStory((current) => ({ ...current, revision: data.revision, slug: payload.slug || current.slug }));
      } catch {
        setError("Not saved: the server could not be reached. Your changes are still here.");
      } finally {
        setSaving(false);
      }
    },
    [saving, conflict, canEdit, story, tagsText, router, timeZone],
  );

  // Drafts save themselves; published stories change only when someone presses Save.
  useEffect(() => {
    if (!dirty || !story.id || (story.status !== "draft" && story.status !== "review")) return;
    const timer = setTimeout(() => void save(true), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [dirty, story, save]);

  useUnsavedWarning(dirty);

  const fieldProps = (name: string) => ({
    "aria-invalid": fieldErrors[name] ? true : undefined,
    "aria-describedby": fieldErrors[name] ? `${name}-error` : undefined,
    disabled: !canEdit,
  });
  const fieldError = (name: string) =>
    fieldErrors[name] ? (
      <span id={`${name}-error`} className="field-error">
        {fieldErrors[name]}
      </span>
    ) : null;

  return (
    <div className="story-editor">
      {conflict && (
        <div className="panel conflict" role="alert">
          <p>
            <strong>{conflict.updatedBy}</strong> saved this story at {formatZonedDateTime(conflict.updatedAt, timeZone)} (revision{" "}
            {conflict.revision}) after you opened it. Your changes were not saved, and nothing was overwritten.
          </p>
          <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
            Reload their version
          </button>
        </div>
      )}
      {!canEdit && <p className="panel">You can read this story but not change it.</p>}

      <form
        className="editor-form story-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save(false);
        }}
        noValidate
      >
        <div className="field">
          <label htmlFor="headline">Headline</label>
          <input
            id="headline"
            type="text"
            value={story.headline}
            maxLength={200}
            onChange={(event) => update({ headline: event.target.value, ...(slugTouched ? {} : { slug: slugify(event.target.value) }) })}
            {...fieldProps("headline")}
          />
          {fieldError("headline")}
        </div>
        <div className="field">
          <label htmlFor="deck">Deck</label>
          <textarea id="deck" value={story.deck} maxLength={400} rows={2} onChange={(event) => update({ deck: event.target.value })} {...fieldProps("deck")} />
          {fieldError("deck")}
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="slug">Slug</label>
            <input
              id="slug"
              type="text"
              value={story.slug}
              maxLength={80}
              onChange={(event) => {
                setSlugTouched(true);
                update({ slug: event.target.value });
              }}
              {...fieldProps("slug")}
            />
            {fieldError("slug")}
          </div>
          <div className="field">
            <label htmlFor="sectionId">Section</label>
            <select
              id="sectionId"
              value={story.sectionId ?? ""}
              onChange={(event) => update({ sectionId: Number(event.target.value) || null })}
              {...fieldProps("sectionId")}
            >
              <option value="">Choose…</option>
              {sections.map((section) => (
                <option key={section.id} value={section.id}>
                  {section.path}
                </option>
              ))}
            </select>
            {fieldError("sectionId")}
          </div>
        </div>

        <BylinePicker authors={authors} value={story.authorIds} onChange={(authorIds) => update({ authorIds })} error={fieldErrors.authorIds} disabled={!canEdit} />

        <div className="field">
          <label htmlFor="tags">Tags</label>
          <span className="hint">Separate tags with commas.</span>
          <input
            id="tags"
            type="text"
            value={tagsText}
            onChange={(event) => {
              setTagsText(event.target.value);
              setDirty(true);
            }}
            {...fieldProps("tags")}
          />
          {fieldError("tags")}
        </div>

        <HeroPicker
          media={media}
          value={story.hero}
          alt={story.heroAlt}
          caption={story.heroCaption}
          credit={story.heroCredit}
          errors={fieldErrors}
          disabled={!canEdit}
          onChange={(patch) => update(patch)}
        />

        <div className="field">
          <span className="label" id="body-label">
            Body
          </span>
          <BodyEditor
            initial={initial.body}
            storyId={story.id}
            media={media}
            invalid={Boolean(fieldErrors.body)}
            onChange={(json) => {
              bodyRef.current = json;
              setDirty(true);
            }}
          />
          {fieldError("body")}
        </div>

        <RelatedStoriesField
          storyId={story.id}
          related={story.related}
          disabled={!canEdit}
          error={fieldErrors.relatedIds}
          onChange={(related) => update({ related })}
        />

        <SeoFields story={story} disabled={!canEdit} onChange={update} />

        <div className="save-bar" role="group" aria-label="Save">
          {canEdit && (
            <button type="submit" className="button button-primary" disabled={saving || Boolean(conflict)}>
              {saving ? "Saving…" : "Save"}
            </button>
          )}
          <span role="status" className="muted">
            {dirty ? "Unsaved changes" : message}
          </span>
          {error && (
            <span className="form-error" role="alert">
              {error}
            </span>
          )}
        </div>
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
          dirty={dirty}
          onChanged={(next) => {
            setStory((current) => ({ ...current, ...next }));
            router.refresh();
          }}
        />
      )}
    </div>
  );
}
