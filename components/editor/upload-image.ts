import type { MediaItem } from "./hero-picker";
import { readAnswer, refusalMessage, type SendResult } from "./send-and-report";

// An image upload to the admin API. XMLHttpRequest rather than fetch, because only it reports
// upload progress; its answer is read by the same rules as every other editor request.

export function uploadImage(data: FormData, onProgress: (percent: number) => void): Promise<SendResult<MediaItem>> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/admin/media");
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // No JSON: the result falls back to the status.
      }
      resolve(readAnswer<MediaItem>(request.status, body, request.getResponseHeader("Retry-After")));
    };
    request.onerror = () => resolve({ kind: "offline" });
    request.send(data);
  });
}

/** What a refused upload shows, by field; a refusal about no one field is shown under the file. */
export function uploadErrorsOf(result: Exclude<SendResult<MediaItem>, { kind: "ok" }>): Record<string, string> {
  if (result.kind === "offline") return { file: "The upload failed: the server could not be reached." };
  if (result.kind === "invalid" && Object.keys(result.fieldErrors).length > 0) return result.fieldErrors;
  return { file: refusalMessage(result, "Upload refused") };
}
