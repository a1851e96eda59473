import type { Metadata } from "next";
import { StoryEditor } from "@/components/editor/story-editor";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { ownAuthorId } from "@/lib/authors/accounts";
import { listAuthorsForPicker, listSectionsForPicker } from "@/lib/stories/editor-queries";
import { canPublish } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "New story" };

export default async function NewStoryPage() {
  const user = await requireUser(undefined, "/editor/stories/new");
  const [sections, authors, ownByline] = await Promise.all([listSectionsForPicker(), listAuthorsForPicker(), ownAuthorId(user.id)]);
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
          // A new story starts with its writer's own byline (their linked author profile).
          authorIds: ownByline ? [ownByline] : [],
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
        canPublish={canPublish(user)}
        canEdit
        timeZone={env().timeZone}
      />
    </>
  );
}
