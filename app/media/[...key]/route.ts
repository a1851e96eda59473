import { serveStoredFile } from "@/lib/media/serve-file";

// GET /media/<yyyy>/<mm>/<name>.<ext> – an uploaded file, from local disk or the bucket
// (lib/media/storage.ts). Names are random and never reused, so responses are cacheable forever.

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ key: string[] }> }) {
  const { key } = await params;
  return serveStoredFile(request, key.join("/"));
}
