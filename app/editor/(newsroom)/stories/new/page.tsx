import type { Metadata } from "next";
import { StoryEditor } from "@/components/editor/story-editor";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { listMedia } from "@/lib/media/queries";
import { listAuthorsForPicker, listSectionsForPicker } from "@/lib/stories/editor-queries";
import { canPublish } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "New story" };

export default async function NewStoryPage() {
  const user = await requireUser(undefined, "/editor/stories/new");
  const [sections, authors, media] = await Promise.all([listSectionsForPicker(), listAuthorsForPicker(), listMedia()]);
  return (
    <>
      <h1>New story</h1>
      <StoryEditor
        initial={{
          id: null,
          revision: 1,
          status: "draft",
          headline: "",
          deck: "",
          slug: "",
          sectionId: null,
          tags: [],
          authorIds: [],
          hero: null,
          heroAlt: "",
          heroCaption: "",
          heroCredit: "",
          body: { type: "doc", content: [{ type: "paragraph" }] },
          related: [],
          seoTitle: "",
          seoDescription: "",
          commentsOpen: true,
          publicPath: null,
          scheduledAt: null,
        }}
        sections={sections}
        authors={authors}
        media={media}
        canPublish={canPublish(user)}
        canEdit
        timeZone={env().timeZone}
      />
    </>
  );
}
