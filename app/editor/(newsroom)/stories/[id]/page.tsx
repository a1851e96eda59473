import { readSiteSettings } from "@/lib/settings/site";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StoryEditor } from "@/components/editor/story-editor";
import { requireUser } from "@/lib/auth/session";
import { mediaUrl } from "@/lib/media/urls";
import { relatedStoryIds } from "@/lib/stories/document";
import { getStoryForEditing, listAuthorsForPicker, listSectionsForPicker, findHeadlinesByIds } from "@/lib/stories/editor-queries";
import { canPublish, canPurgeStories } from "@/lib/auth/roles";
import { canTrashStory, canViewStory, readOnlyReason } from "@/lib/stories/permissions";
import { purgeDateOf } from "@/lib/stories/trash";
import { StoryTrashForm, TrashedStoryNotice } from "@/components/editor/trash-forms";
import { purgeStoryAction, restoreStoryAction, trashStoryAction } from "../../trash/actions";
import { storyPath } from "@/lib/stories/queries";
import { toEditorDocument } from "@/lib/stories/tiptap";
import { isIdText } from "@/lib/validation/ids";
import { firstValues, type SearchParams } from "@/lib/http/search-params";
import { listOpenNotes } from "@/lib/stories/review-notes";
import { SentBackNotice } from "@/components/editor/sent-back-notice";
import { StoryViews } from "@/components/editor/charts/story-views";

export const metadata: Metadata = { title: "Edit story" };

export default async function EditStoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const { id: raw } = await params;
  const { restored } = await firstValues(searchParams);
  const user = await requireUser(undefined, `/editor/stories/${raw}`);
  const id = isIdText(raw) ? Number(raw) : null;
  const story = id ? await getStoryForEditing(id) : null;
  if (!story || !canViewStory(user, story)) notFound();
  if (story.trashedAt) {
    return (
      <>
        <h1>In the trash</h1>
        <TrashedStoryNotice
          story={{ ...story, trashedAt: story.trashedAt }}
          purgeAt={purgeDateOf(story.trashedAt)}
          restoreAction={canTrashStory(user, story) ? restoreStoryAction : null}
          purgeAction={canPurgeStories(user) ? purgeStoryAction : null}
        />
      </>
    );
  }
  const [sections, authors, inlineHeadlines, notes, { timeZone }] = await Promise.all([
    listSectionsForPicker(),
    listAuthorsForPicker(),
    findHeadlinesByIds(relatedStoryIds(story.body)),
    listOpenNotes(story.id),
    readSiteSettings(),
  ]);
  return (
    <>
      {restored === "1" && (
        <p className="form-success" role="status">
          Restored from the trash.
        </p>
      )}
      {story.status === "draft" && <SentBackNotice notes={notes} />}
      <StoryEditor
        title={
          <>
            <h1>Edit story</h1>
            <Link href={`/editor/stories/${story.id}/revisions`}>Revisions</Link>
            {canTrashStory(user, story) && <StoryTrashForm storyId={story.id} action={trashStoryAction} label="Move to trash" danger />}
          </>
        }
        initial={{
          id: story.id,
          revision: story.revision,
          status: story.status,
          headline: story.headline,
          deck: story.deck,
          slug: story.slug,
          sectionId: story.sectionId,
          tags: story.tags,
          authorIds: story.authorIds,
          hero: story.heroMediaId && story.heroKey
            ? { id: story.heroMediaId, src: mediaUrl(story.heroKey), alt: story.heroAlt, caption: story.heroCaption, credit: story.heroCredit }
            : null,
          heroAlt: story.heroAlt,
          heroCaption: story.heroCaption,
          heroCredit: story.heroCredit,
          body: toEditorDocument(story.body, inlineHeadlines),
          related: story.related,
          seoTitle: story.seoTitle,
          seoDescription: story.seoDescription,
          commentsOpen: story.commentsOpen,
          publicPath: storyPath(story.sectionPath, story.slug),
          scheduledAt: story.scheduledAt?.toISOString() ?? null,
        }}
        sections={sections}
        authors={authors}
        canPublish={canPublish(user)}
        readOnly={readOnlyReason(user, story)}
        timeZone={timeZone}
      />
      {story.publishedAt && <StoryViews storyId={story.id} publishedAt={story.publishedAt} timeZone={timeZone} />}
    </>
  );
}
