import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm, Field } from "@/components/editor/action-form";
import { ShowFields } from "@/components/editor/live-show-fields";
import { canRunLiveDesk } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { toZonedLocal } from "@/lib/format/zoned";
import { getShowForDesk } from "@/lib/live/queries";
import { isIdText } from "@/lib/validation/ids";
import { editShowAction } from "../../actions";

// GET /editor/live/shows/:id – edit one show of a stream's programme: every field of the form
// that added it, checked the same way.

export const metadata: Metadata = { title: "Edit show" };

export default async function EditShowPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  await requireUser(canRunLiveDesk, `/editor/live/shows/${raw}`);
  const show = isIdText(raw) ? await getShowForDesk(Number(raw)) : null;
  if (!show) notFound();
  const { timeZone } = env();
  const kind = show.kind === "video" ? "Video" : "Audio";
  const week = toZonedLocal(new Date(show.startsAt), timeZone).slice(0, 10);
  return (
    <>
      <p>
        <Link href={`/editor/live?from=${week}`}>← The live desk</Link>
      </p>
      <h1>Edit “{show.title}”</h1>
      <p className="muted">
        {kind} stream: {show.streamTitle}. Times are in {timeZone}.
      </p>
      <ActionForm action={editShowAction} submitLabel="Save the show">
        <Field type="hidden" name="showId" label="" defaultValue={String(show.id)} />
        <ShowFields
          kind={kind}
          timeZone={timeZone}
          values={{
            title: show.title,
            description: show.description,
            startsAt: toZonedLocal(new Date(show.startsAt), timeZone),
            endsAt: toZonedLocal(new Date(show.endsAt), timeZone),
          }}
        />
      </ActionForm>
    </>
  );
}
