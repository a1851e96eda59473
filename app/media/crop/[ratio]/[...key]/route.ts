import { isCropRatio, readCrop } from "@/lib/media/crops";

// GET /media/crop/<16x9|4x3|1x1>/<yyyy>/<mm>/<name>.<ext> – a fixed-shape JPEG crop of an uploaded
// photo (lib/media/crops.ts), named by structured data. Made on its first request and stored;
// like the originals, cacheable forever.

export const dynamic = "force-dynamic";

const notFound = () => new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export async function GET(_request: Request, { params }: { params: Promise<{ ratio: string; key: string[] }> }) {
  const { ratio, key } = await params;
  if (!isCropRatio(ratio)) return notFound();
  const data = await readCrop(key.join("/"), ratio);
  if (!data) return notFound();
  return new Response(new Uint8Array(data), {
    headers: {
      "Content-Type": "image/jpeg",
      "Content-Length": String(data.length),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
