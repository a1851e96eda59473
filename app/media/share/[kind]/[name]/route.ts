import { shareCardAt } from "@/lib/seo/share-cards";
import { renderShareImage } from "@/lib/seo/share-image";
import { storageAwayResponse } from "@/lib/media/serve-file";
import { StorageUnavailableError } from "@/lib/media/store";

// GET /media/share/<stories|sections|tags|authors|site>/<name>.png – the 1200×630 picture a page
// shows when shared (lib/seo/share-cards.ts names them). Drawn on first request, then cached like
// the pages: the reads behind it carry the story's, the sections' or the story lists' tag, so an
// edit redraws it. Anything that is not a public page's card is 404; while the bucket that holds
// its photo does not answer, 503 (not a card drawn without the photo, kept for an hour).

export const revalidate = 3600;
export const dynamicParams = true;

export function generateStaticParams() {
  return [];
}

export async function GET(_request: Request, { params }: { params: Promise<{ kind: string; name: string }> }) {
  const { kind, name } = await params;
  const card = await shareCardAt(kind, name);
  if (!card) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  let image: Response;
  try {
    image = await renderShareImage(card);
  } catch (error) {
    if (error instanceof StorageUnavailableError) return storageAwayResponse(error);
    throw error;
  }
  image.headers.set("Cache-Control", "public, max-age=3600, s-maxage=3600, stale-while-revalidate=86400");
  return image;
}
