import type { Metadata } from "next";
import { MediaLibrary } from "@/components/editor/media-library";
import { requireUser } from "@/lib/auth/session";
import { listMedia } from "@/lib/media/queries";

export const metadata: Metadata = { title: "Media" };

export default async function MediaPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  await requireUser(undefined, "/editor/media");
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, 200) ?? "";
  const items = await listMedia({ q, limit: 120 });
  return (
    <>
      <h1>Media</h1>
      <MediaLibrary initial={items} q={q} />
    </>
  );
}
