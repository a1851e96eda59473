import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { MediaLibrary } from "@/components/editor/media-library";
import { requireUser } from "@/lib/auth/session";
import { firstValues, olderPageHref, type SearchParams } from "@/lib/http/search-params";
import { listMediaPage } from "@/lib/media/queries";
import { idSchema } from "@/lib/validation/ids";

export const metadata: Metadata = { title: "Media" };

const PAGE_SIZE = 120;

const filtersSchema = z.object({
  q: z.string().transform((q) => q.slice(0, 200)).optional().catch(undefined),
  before: idSchema.optional().catch(undefined),
  deleted: z.literal("1").optional().catch(undefined),
});

export default async function MediaPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser(undefined, "/editor/media");
  const { q = "", before, deleted } = filtersSchema.parse(await firstValues(searchParams));
  const page = await listMediaPage({ q, before, limit: PAGE_SIZE });
  return (
    <>
      <h1>Media</h1>
      {deleted && (
        <p className="form-success" role="status">
          The image was deleted.
        </p>
      )}
      {/* A new key per page: the library keeps its images in state, from the page it was opened on. */}
      <MediaLibrary key={`${q}\n${before ?? ""}`} initial={page.items} q={q} />
      {page.nextCursor && (
        <nav aria-label="Pages" className="pagination">
          <Link href={olderPageHref("/editor/media", { q }, page.nextCursor)} rel="next">
            Older images
          </Link>
        </nav>
      )}
    </>
  );
}
