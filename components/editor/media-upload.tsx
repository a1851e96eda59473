"use client";

import { useId, useState } from "react";
import { LabeledField, invalidProps } from "./field";
import type { MediaItem } from "./hero-picker";
import { uploadErrorsOf, uploadImage } from "./upload-image";

/** The named inputs of the upload group as form data; files by their first file. */
function formDataOf(container: HTMLElement): FormData {
  const data = new FormData();
  for (const input of container.querySelectorAll<HTMLInputElement>("input[name]")) {
    if (input.type === "file") {
      if (input.files?.[0]) data.append(input.name, input.files[0]);
    } else data.append(input.name, input.value);
  }
  return data;
}

/** Uploads one image with its alt text, caption and credit, showing progress. */
export function MediaUpload({ onUploaded }: { onUploaded: (item: MediaItem) => void }) {
  const id = useId();
  const [progress, setProgress] = useState<number | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  // Not a <form>: it also sits inside the story editor's form, and forms cannot nest.
  async function upload(container: HTMLElement) {
    setErrors({});
    setMessage(null);
    setProgress(0);
    const result = await uploadImage(formDataOf(container), setProgress);
    setProgress(null);
    if (result.kind !== "ok") return setErrors(uploadErrorsOf(result));
    for (const input of container.querySelectorAll<HTMLInputElement>("input[name]")) input.value = "";
    setMessage("Uploaded.");
    onUploaded(result.data);
  }

  const field = (name: string) => ({ htmlFor: `${id}-${name}`, error: errors[name], errorId: `${id}-${name}-error` });
  const control = (name: string) => ({ id: `${id}-${name}`, name, ...invalidProps(errors[name], `${id}-${name}-error`) });
  return (
    <div className="editor-form media-upload" role="group" aria-label="Upload an image">
      <LabeledField label="Image file" hint="JPEG, PNG, WebP, AVIF or GIF." {...field("file")}>
        <input type="file" accept="image/jpeg,image/png,image/webp,image/avif,image/gif" {...control("file")} />
      </LabeledField>
      <LabeledField label="Alt text (required)" {...field("alt")}>
        <input type="text" maxLength={500} {...control("alt")} />
      </LabeledField>
      <LabeledField label="Caption" {...field("caption")}>
        <input type="text" maxLength={500} {...control("caption")} />
      </LabeledField>
      <LabeledField label="Credit" {...field("credit")}>
        <input type="text" maxLength={200} {...control("credit")} />
      </LabeledField>
      {progress !== null && (
        <progress max={100} value={progress} aria-label="Upload progress">
          {progress}%
        </progress>
      )}
      <div>
        <button
          type="button"
          className="button button-primary"
          disabled={progress !== null}
          onClick={(event) => void upload(event.currentTarget.closest<HTMLElement>(".media-upload")!)}
        >
          Upload
        </button>{" "}
        <span role="status">{message}</span>
      </div>
    </div>
  );
}
