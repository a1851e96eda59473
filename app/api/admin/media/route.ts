import { env } from "@/lib/env";
import { HttpError, newsroomRoute, jsonResponse, readBytesLimited, otherMethods } from "@/lib/http/route";
import { ValidationError } from "@/lib/errors";
import { listMediaPage } from "@/lib/media/queries";
import { isIdText } from "@/lib/validation/ids";
import { uploadImage } from "@/lib/media/upload";

// GET /api/admin/media?q=&before= – the media library, newest first, 48 images a page: `items`,
// and `nextCursor`, the `before` of the next page (null on the last). `q` finds images with a word
// beginning with each word typed in their alt text, caption, credit or file name.
// POST /api/admin/media – upload an image: multipart/form-data with `file`, `alt` (required),
// `caption`, `credit`. 201 with the stored image; 413 over MEDIA_MAX_MB; 415 for other types.

export const GET = newsroomRoute(async (request) => {
  const params = request.nextUrl.searchParams;
  const q = (params.get("q") ?? "").slice(0, 200);
  const before = params.get("before") ?? undefined;
  if (before !== undefined && !isIdText(before)) throw new HttpError(400, "`before` is the id of an image.");
  return jsonResponse(200, await listMediaPage({ q, before: before === undefined ? undefined : Number(before), limit: 48 }));
});

export const POST = newsroomRoute(async (request, { user, ip }) => {
  const { mediaMaxBytes } = env();
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data")) throw new HttpError(415, "Send the image as multipart/form-data with a `file` field.");
  // Room for the form fields around the file.
  const limit = mediaMaxBytes + 64 * 1024;
  if (Number(request.headers.get("content-length") ?? 0) > limit) {
    throw new HttpError(413, `Images may be at most ${mediaMaxBytes / 1024 / 1024} MB.`);
  }
  const bytes = await readBytesLimited(request, limit);
  const form = await new Request("http://local/", { method: "POST", headers: { "content-type": type }, body: new Blob([bytes as Uint8Array<ArrayBuffer>]) })
    .formData()
    .catch(() => null);
  if (!form) throw new HttpError(400, "The form data could not be read.");
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) throw new ValidationError({ file: "Choose an image file" });
  if (file.size > mediaMaxBytes) throw new HttpError(413, `Images may be at most ${mediaMaxBytes / 1024 / 1024} MB.`);
  const stored = await uploadImage(
    { ...user, ip },
    { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name },
    { alt: form.get("alt") ?? "", caption: form.get("caption") ?? "", credit: form.get("credit") ?? "" },
  );
  return jsonResponse(201, stored, { Location: stored.src });
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
