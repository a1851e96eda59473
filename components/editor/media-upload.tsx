"use client";

import { useId, useState } from "react";
import type { MediaItem } from "./hero-picker";

/** Uploads one image with its alt text, caption and credit, showing progress. */
export function MediaUpload({ onUploaded }: { onUploaded: (item: MediaItem) => void }) {
  const id = useId();
  const [progress, setProgress] = useState<number | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  // Not a <form>: it also sits inside the story editor's form, and forms cannot nest.
  function upload(container: HTMLElement) {
    const data = new FormData();
    for (const input of container.querySelectorAll<HTMLInputElement>("input[name]")) {
      if (input.type === "file") {
        if (input.files?.[0]) data.append(input.name, input.files[0]);
      } else data.append(input.name, input.value);
    }
    setErrors({});
    setMessage(null);
    setProgress(0);
    const request = new XMLHttpRequest();
    request.open("POST", "/api/admin/media");
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) setProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      setProgress(null);
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // Keep the generic message below.
      }
      if (request.status === 201) {
        for (const input of container.querySelectorAll<HTMLInputElement>("input[name]")) input.value = "";
        setMessage("Uploaded.");
        onUploaded(body as unknown as MediaItem);
        return;
      }
      const fieldErrors = (body.fieldErrors as Record<string, string> | undefined) ?? {};
      setErrors(Object.keys(fieldErrors).length ? fieldErrors : { file: String(body.error ?? `Upload refused (${request.status}).`) });
    };
    request.onerror = () => {
      setProgress(null);
      setErrors({ file: "The upload failed: the server could not be reached." });
    };
    request.send(data);
  }

  const error = (name: string) =>
    errors[name] ? (
      <span id={`${id}-${name}-error`} className="field-error">
        {errors[name]}
      </span>
    ) : null;
  const described = (name: string) => (errors[name] ? { "aria-invalid": true, "aria-describedby": `${id}-${name}-error` } : {});

  return (
    <div className="editor-form media-upload" role="group" aria-label="Upload an image">
      <div className="field">
        <label htmlFor={`${id}-file`}>Image file</label>
        <span className="hint">JPEG, PNG, WebP, AVIF or GIF.</span>
        <input id={`${id}-file`} name="file" type="file" accept="image/jpeg,image/png,image/webp,image/avif,image/gif" {...described("file")} />
        {error("file")}
      </div>
      <div className="field">
        <label htmlFor={`${id}-alt`}>Alt text (required)</label>
        <input id={`${id}-alt`} name="alt" type="text" maxLength={500} {...described("alt")} />
        {error("alt")}
      </div>
      <div className="field">
        <label htmlFor={`${id}-caption`}>Caption</label>
        <input id={`${id}-caption`} name="caption" type="text" maxLength={500} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-credit`}>Credit</label>
        <input id={`${id}-credit`} name="credit" type="text" maxLength={200} />
      </div>
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
          onClick={(event) => upload(event.currentTarget.closest<HTMLElement>(".media-upload")!)}
        >
          Upload
        </button>{" "}
        <span role="status">{message}</span>
      </div>
    </div>
  );
}
