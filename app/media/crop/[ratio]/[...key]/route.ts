import { isCropRatio, readCrop } from "@/lib/media/crops";
import { notFoundResponse, STORED_FILE_HEADERS, storageAwayResponse } from "@/lib/media/serve-file";
import { StorageUnavailableError } from "@/lib/media/store";

// GET /media/crop/<16x9|4x3|1x1>/<yyyy>/<mm>/<name>.<ext> – a fixed-shape JPEG crop of an uploaded
// photo (lib/media/crops.ts), named by structured data. Made on its first request and stored;
// like the originals, cacheable forever.

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ ratio: string; key: string[] }> }) {
  const { ratio, key } = await params;
  if (!isCropRatio(ratio)) return notFoundResponse();
  const data = await readCrop(key.join("/"), ratio).catch((error: unknown) => {
    if (error instanceof StorageUnavailableError) return error;
    throw error;
  });
  if (data instanceof StorageUnavailableError) return storageAwayResponse(data);
  if (!data) return notFoundResponse();
  return new Response(new Uint8Array(data), {
    headers: { "Content-Type": "image/jpeg", "Content-Length": String(data.length), ...STORED_FILE_HEADERS },
  });
}
