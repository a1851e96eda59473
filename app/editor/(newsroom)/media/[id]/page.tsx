/* eslint-disable @next/next/no-img-element -- a newsroom preview of our own upload */
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm, Field } from "@/components/editor/action-form";
import { MediaDetailsForm } from "@/components/editor/media-details-form";
import { requireUser } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format/dates";
import { canChangeMedia } from "@/lib/media/delete";
import { findMediaUses, getMediaDetails, type MediaUse } from "@/lib/media/usage";
import { isIdText } from "@/lib/validation/ids";
import { deleteMediaAction, updateMediaDetailsAction } from "../actions";

export const metadata: Metadata = { title: "Image" };

function UsedIn({ uses }: { uses: MediaUse[] }) {
  if (!uses.length) return <p>Not used anywhere: it can be deleted.</p>;
  return (
    <>
      <p>Used in {uses.length === 1 ? "one place" : `${uses.length} places`}; it cannot be deleted while it is.</p>
      <ul className="used-in">
        {uses.map((use) => (
          <li key={`${use.kind}:${use.href}`}>
            <Link href={use.href}>{use.label}</Link> <span className="muted">({use.role})</span>
          </li>
        ))}
      </ul>
    </>
  );
}

export default async function MediaDetailsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const user = await requireUser(undefined, `/editor/media/${raw}`);
  const image = isIdText(raw) ? await getMediaDetails(Number(raw)) : null;
  if (!image) notFound();
  const uses = await findMediaUses(image.id);
  const mayChange = canChangeMedia(user, image.uploadedById);
  return (
    <>
      <p>
        <Link href="/editor/media">Back to the media library</Link>
      </p>
      <h1>Image</h1>
      <img src={image.src} alt={image.alt} width={image.width} height={image.height} className="media-preview" />
      <dl className="media-facts">
        <dt>Alt text</dt>
        <dd>{image.alt}</dd>
        <dt>Caption and credit</dt>
        <dd>{[image.caption, image.credit].filter(Boolean).join(" ") || "—"}</dd>
        <dt>File</dt>
        <dd>{image.fileName || "—"}</dd>
        <dt>Uploaded</dt>
        <dd>
          {formatDateTime(image.createdAt.toISOString())}
          {image.uploadedByName && ` by ${image.uploadedByName}`} · {image.width}×{image.height}
        </dd>
      </dl>
      {mayChange && (
        <>
          <h2>Alt text, caption and credit</h2>
          <MediaDetailsForm image={image} action={updateMediaDetailsAction} />
        </>
      )}
      <h2>Where it is used</h2>
      <UsedIn uses={uses} />
      {mayChange && (
        <ActionForm action={deleteMediaAction} submitLabel="Delete this image" danger>
          <Field type="hidden" name="mediaId" label="" defaultValue={String(image.id)} />
        </ActionForm>
      )}
    </>
  );
}
