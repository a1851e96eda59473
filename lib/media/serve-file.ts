import { etagMatches } from "@/lib/http/conditional";
import { retryAfterHeader } from "@/lib/http/retry-after";
import { mediaStore } from "./storage";
import { mimeTypeOf, StorageUnavailableError, type ByteRange, type MediaStore } from "./store";

// How /media/<key> answers, wherever the file is stored: streamed from the store (never held
// whole in memory), cacheable forever (names are random and never reused) with an ETag and
// byte ranges; 404 for a name nothing is stored under, 503 with Retry-After while the bucket does
// not answer — never a 500.

/** The headers every stored file and crop is sent with. */
export const STORED_FILE_HEADERS = {
  "Cache-Control": "public, max-age=31536000, immutable",
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; sandbox",
} as const;

const text = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...headers } });

export const notFoundResponse = () => text(404, "Not found");

/** The 503 a request meets while the bucket does not answer. */
export const storageAwayResponse = (error: StorageUnavailableError) =>
  text(503, "The image storage is not answering just now. Try again in a few seconds.", { "Cache-Control": "no-store", ...retryAfterHeader(error) });

/** One range of `bytes=…` against an object of `size` bytes; undefined: the whole object; null: none of it can be sent. */
export function parseRange(header: string | null, size: number): ByteRange | null | undefined {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  // Several ranges, or a unit other than bytes: the whole file, as RFC 9110 allows.
  if (!match || (match[1] === "" && match[2] === "")) return undefined;
  const [, from, to] = match as unknown as [string, string, string];
  if (from === "") {
    const last = Math.min(Number(to), size);
    return last > 0 ? { start: size - last, end: size - 1 } : null;
  }
  const start = Number(from);
  const end = to === "" ? size - 1 : Math.min(Number(to), size - 1);
  return start < size && start <= end ? { start, end } : null;
}

export async function serveStoredFile(request: Request, key: string, store: MediaStore = mediaStore()): Promise<Response> {
  const mimeType = mimeTypeOf(key);
  if (!mimeType) return notFoundResponse();
  try {
    const rangeHeader = request.headers.get("range");
    let range: ByteRange | undefined;
    if (rangeHeader) {
      const info = await store.head(key);
      if (!info) return notFoundResponse();
      const asked = etagMatches(request.headers.get("if-range"), info.etag) || !request.headers.get("if-range") ? parseRange(rangeHeader, info.size) : undefined;
      if (asked === null) return text(416, "Range not satisfiable", { "Content-Range": `bytes */${info.size}` });
      range = asked;
    }
    const file = await store.get(key, range);
    if (!file) return notFoundResponse();
    const headers: Record<string, string> = { "Content-Type": mimeType, ETag: file.etag, "Accept-Ranges": "bytes", ...STORED_FILE_HEADERS };
    if (etagMatches(request.headers.get("if-none-match"), file.etag)) {
      await file.body.cancel();
      return new Response(null, { status: 304, headers });
    }
    const body = request.method === "HEAD" ? null : file.body;
    if (body === null) await file.body.cancel();
    if (file.range) {
      const length = file.range.end - file.range.start + 1;
      return new Response(body, { status: 206, headers: { ...headers, "Content-Length": String(length), "Content-Range": `bytes ${file.range.start}-${file.range.end}/${file.size}` } });
    }
    return new Response(body, { headers: { ...headers, "Content-Length": String(file.size) } });
  } catch (error) {
    if (error instanceof StorageUnavailableError) return storageAwayResponse(error);
    throw error;
  }
}
