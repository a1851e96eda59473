import type { Metadata } from "next";
import { StoryEditor } from "@/components/editor/story-editor";
import { requireUser } from "@/lib/auth/session";
import { readSiteSettings } from "@/lib/settings/site";
import { ownAuthorId } from "@/lib/authors/accounts";
import { listAuthorsForPicker, listSectionsForPicker } from "@/lib/stories/editor-queries";
import { canPublish } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "New story" };

export default async function NewStoryPage() {
  const user = await requireUser(undefined, "/editor/stories/new");
  const [sections, authors, ownByline, site] = await Promise.all([listSectionsForPicker(), listAuthorsForPicker(), ownAuthorId(user.id), readSiteSettings()]);
  return (
    <>
      <StoryEditor
        title={<h1>New story</h1>}
        initial={{
          id: null,
          revision: 1,
          status: "draft",
          headline: "",
          deck: "",
          slug: "",
          // The first section to start with, so the first keystroke of the headline can create the
          // story (autosave); the writer changes it in the side panel.
          sectionId: sections[0]?.id ?? null,
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
          // The site settings say whether comments start open.
          commentsOpen: site.commentsOpenByDefault,
          publicPath: null,
          scheduledAt: null,
        }}
        sections={sections}
        authors={authors}
        canPublish={canPublish(user)}
        readOnly={null}
        timeZone={site.timeZone}
      />
    </>
  );
}
