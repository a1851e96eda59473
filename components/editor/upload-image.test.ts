import { afterEach, describe, expect, it, vi } from "vitest";
import { uploadErrorsOf, uploadImage } from "./upload-image";

// A refused upload shows its errors next to the fields they are about, the rest under the file.

describe("uploadErrorsOf", () => {
  it.each([
    ["field errors by field", { kind: "invalid", status: 422, error: "Check.", fieldErrors: { alt: "Describe the image." } } as const, { alt: "Describe the image." }],
    ["a 422 without fields under the file", { kind: "invalid", status: 422, error: "Check.", fieldErrors: {} } as const, { file: "Check." }],
    ["the server's message under the file", { kind: "refused", status: 413, error: "The file is larger than 10 MB." } as const, { file: "The file is larger than 10 MB." }],
    ["the status when there is no message", { kind: "busy", status: 503, retryAfterSeconds: 5 } as const, { file: "Upload refused (503)." }],
    ["no answer", { kind: "offline" } as const, { file: "The upload failed: the server could not be reached." }],
  ])("%s", (_, result, expected) => {
    expect(uploadErrorsOf(result)).toEqual(expected);
  });
});

describe("uploadImage", () => {
  /** A stand-in for the browser's XMLHttpRequest: the file goes up in three parts, then 201. */
  class FakeRequest {
    upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    status = 0;
    responseText = "";
    sent: { method: string; url: string; body?: unknown } = { method: "", url: "" };
    open(method: string, url: string) {
      this.sent = { method, url };
    }
    getResponseHeader() {
      return null;
    }
    send(body: unknown) {
      this.sent.body = body;
      for (const loaded of [0, 400, 1000]) this.upload.onprogress?.({ lengthComputable: true, loaded, total: 1000 });
      this.upload.onprogress?.({ lengthComputable: false, loaded: 5, total: 0 });
      this.status = 201;
      this.responseText = JSON.stringify({ id: 7, src: "/media/7.jpg", alt: "Crates", caption: "", credit: "" });
      this.onload?.();
    }
  }
  afterEach(() => vi.unstubAllGlobals());

  it("posts the form to the media API and reports each step of the upload as a percentage", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeRequest);
    const seen: number[] = [];
    const result = await uploadImage(new FormData(), (percent) => seen.push(percent));
    expect(seen).toEqual([0, 40, 100]);
    expect(result).toMatchObject({ kind: "ok", status: 201, data: { id: 7, alt: "Crates" } });
  });
});
