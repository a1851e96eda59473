import { describe, expect, it } from "vitest";
import { uploadErrorsOf } from "./upload-image";

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
