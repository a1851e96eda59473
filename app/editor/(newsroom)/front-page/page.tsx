import type { Metadata } from "next";
import { ActionForm, Field } from "@/components/editor/action-form";
import { StoryChoice } from "@/components/editor/story-choice";
import { canEditFrontPage } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { isBannerShowing, readBanner, type Banner } from "@/lib/front-page/banner";
import { listPinsForNewsroom, MAX_TOP_STORIES, type PinnedForNewsroom } from "@/lib/front-page/pins";
import { formatDateTime } from "@/lib/format/dates";
import { readSiteSettings } from "@/lib/settings/site";
import { clearBannerAction, pinStoryAction, setBannerAction, unpinStoryAction } from "./actions";

export const metadata: Metadata = { title: "Front page" };

function PinnedList({ pins }: { pins: PinnedForNewsroom[] }) {
  if (pins.length === 0) return <p className="empty">Nothing is pinned: the front page shows the newest stories first.</p>;
  return (
    <ol className="pinned-list">
      {pins.map((pin) => (
        <li key={pin.id}>
          <ActionForm action={unpinStoryAction} className="inline-form">
            <input type="hidden" name="storyId" value={pin.id} />
            <span>
              <strong>{pin.slot === "lead" ? "Lead" : "Top story"}:</strong> {pin.headline}
              {!pin.shown && <span className="muted"> (not published: readers do not see it)</span>}
            </span>{" "}
            <button type="submit" className="button">
              Unpin<span className="visually-hidden"> {pin.headline}</span>
            </button>
          </ActionForm>
        </li>
      ))}
    </ol>
  );
}

function PinForm() {
  return (
    <ActionForm action={pinStoryAction} submitLabel="Pin story">
      <StoryChoice name="storyId" legend="Story to pin" hint="A published story, found by words of its headline." />
      <Field
        name="slot"
        label="Place"
        type="select"
        defaultValue="lead"
        options={[
          { value: "lead", label: "Lead story" },
          { value: "top", label: `Top story (up to ${MAX_TOP_STORIES})` },
        ]}
      />
    </ActionForm>
  );
}

function BannerSection({ banner, timeZone }: { banner: Banner | null; timeZone: string }) {
  const showing = isBannerShowing(banner);
  return (
    <section aria-labelledby="banner-heading">
      <h2 id="banner-heading">Breaking-news banner</h2>
      {banner && showing ? (
        <div className="panel">
          <p>
            Showing on every page: <strong>{banner.text}</strong>
            {banner.href && <> (links to {banner.href})</>}, until {formatDateTime(banner.expiresAt, timeZone)}.
          </p>
          <ActionForm action={clearBannerAction} submitLabel="Clear banner" danger />
        </div>
      ) : (
        <p className="empty">No banner is showing.</p>
      )}
      <ActionForm action={setBannerAction} submitLabel={showing ? "Replace banner" : "Put up banner"}>
        <Field name="text" label="Banner text" required />
        <Field name="link" label="Link address" hint="Optional: https://… or a path of this site such as /news. Or choose a story below." />
        <StoryChoice name="storyId" legend="Link to a story" hint="Optional: the banner links to this story." />
        <Field name="expiresAt" label="Ends at" type="datetime-local" hint={`On the site's clock (${timeZone}); at most 7 days ahead.`} required />
      </ActionForm>
    </section>
  );
}

export default async function FrontPagePage() {
  await requireUser(canEditFrontPage, "/editor/front-page");
  const [pins, banner, settings] = await Promise.all([listPinsForNewsroom(), readBanner(), readSiteSettings()]);
  return (
    <>
      <h1>Front page</h1>
      <section aria-labelledby="pins-heading">
        <h2 id="pins-heading">Pinned stories</h2>
        <p className="muted">
          Pin a lead story and up to {MAX_TOP_STORIES} top stories; the newest stories fill the rest. A pinned story that is unpublished or
          trashed drops out until it is published again.
        </p>
        <PinnedList pins={pins} />
        <PinForm />
      </section>
      <BannerSection banner={banner} timeZone={settings.timeZone} />
    </>
  );
}
