"use client";

import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { type CommentFields, CommentFormController, type CommentFormResult, type CommentReplyTarget } from "./comment-form-controller";

// The comment form. Without JavaScript it is a plain POST that comes back to the article with a
// message. With JavaScript it posts in place, shows errors next to the fields and a notice when
// the comment is held, and can remember the reader's name on this device. Either way it sends a
// form token (the page's own, or a fresh one fetched when the form appears): without one a
// comment is held for moderation. What it does with JavaScript is ./comment-form-controller.ts.

function newKey() {
  return crypto.randomUUID().replace(/-/g, "");
}

function fieldsOf(form: HTMLFormElement): CommentFields {
  const data = new FormData(form);
  const field = (name: keyof CommentFields) => String(data.get(name) ?? "");
  return { name: field("name"), email: field("email"), body: field("body"), website: field("website"), formToken: field("formToken") };
}

// The page is rendered on the server too, where there is no window: storage is reached only when used.
const storage = {
  getItem: (key: string) => window.localStorage.getItem(key),
  setItem: (key: string, value: string) => window.localStorage.setItem(key, value),
  removeItem: (key: string) => window.localStorage.removeItem(key),
};

/** The form's controller and state; fills in a remembered name and follows the thread's "Reply" links. */
function useCommentForm(storyId: number, formToken: string) {
  const [controller] = useState(() => new CommentFormController(storyId, formToken, { fetch: (url, init) => fetch(url, init), storage, newKey }));
  const state = useSyncExternalStore(controller.subscribe, controller.getState, controller.getState);
  const nameInput = useRef<HTMLInputElement>(null);
  const rememberBox = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const saved = controller.start();
    if (saved && nameInput.current && rememberBox.current) {
      nameInput.current.value = saved;
      rememberBox.current.checked = true;
    }
    const onClick = (event: MouseEvent) => {
      const link = (event.target as HTMLElement).closest<HTMLAnchorElement>("a[data-reply-to]");
      if (link) controller.replyTo({ id: Number(link.dataset.replyTo), name: link.dataset.replyName ?? "" });
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, [controller]);

  async function submit(form: HTMLFormElement) {
    const posted = await controller.submit(fieldsOf(form), rememberBox.current?.checked ?? false);
    if (posted) (form.elements.namedItem("body") as HTMLTextAreaElement).value = "";
  }

  return { state, nameInput, rememberBox, submit, cancelReply: () => controller.replyTo(null) };
}

export function CommentForm({ storyId, formToken }: { storyId: number; formToken: string }) {
  const { state, nameInput, rememberBox, submit, cancelReply } = useCommentForm(storyId, formToken);
  const { result, replyTo, token } = state;
  const errors = result.kind === "error" ? result.fields : {};

  return (
    <form
      id="comment-form"
      className="comment-form"
      method="post"
      action={`/api/stories/${storyId}/comments`}
      onSubmit={(event) => {
        event.preventDefault();
        void submit(event.currentTarget);
      }}
      noValidate
    >
      <CommentFormHeading replyTo={replyTo} onCancel={cancelReply} />
      <div className="comment-field">
        <label htmlFor="comment-name">Name</label>
        <input ref={nameInput} id="comment-name" name="name" type="text" maxLength={80} required autoComplete="name" {...invalid(errors, "name")} />
        <FieldError errors={errors} field="name" />
      </div>
      <div className="comment-field">
        <label htmlFor="comment-email">E-mail (optional, never shown)</label>
        <input id="comment-email" name="email" type="email" maxLength={200} autoComplete="email" {...invalid(errors, "email")} />
        <FieldError errors={errors} field="email" />
      </div>
      <div className="comment-field">
        <label htmlFor="comment-body">Comment</label>
        <textarea id="comment-body" name="body" rows={5} maxLength={5000} required {...invalid(errors, "body")} />
        <FieldError errors={errors} field="body" />
      </div>
      <input type="hidden" name="formToken" value={token} />
      {/* A trap for bots: hidden from people and from assistive technology. */}
      <div className="comment-trap" aria-hidden="true">
        <label htmlFor="comment-website">Website</label>
        <input id="comment-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      <label className="comment-remember">
        <input ref={rememberBox} type="checkbox" /> Remember my name on this device
      </label>
      <div>
        <button type="submit" className="comment-submit" disabled={result.kind === "sending"}>
          {result.kind === "sending" ? "Posting…" : "Post comment"}
        </button>
      </div>
      <CommentFormOutcome result={result} />
    </form>
  );
}

function CommentFormHeading({ replyTo, onCancel }: { replyTo: CommentReplyTarget | null; onCancel: () => void }) {
  return (
    <>
      <h3>
        {replyTo ? (
          <>
            Reply to <bdi>{replyTo.name}</bdi>
          </>
        ) : (
          "Add a comment"
        )}
      </h3>
      {replyTo && (
        <p>
          <button type="button" className="link-button" onClick={onCancel}>
            Cancel the reply
          </button>
        </p>
      )}
    </>
  );
}

function invalid(errors: Record<string, string>, field: string) {
  return errors[field] ? { "aria-invalid": true, "aria-describedby": `comment-${field}-error` } : {};
}

function FieldError({ errors, field }: { errors: Record<string, string>; field: string }) {
  if (!errors[field]) return null;
  return (
    <span id={`comment-${field}-error`} className="field-error">
      {errors[field]}
    </span>
  );
}

function CommentFormOutcome({ result }: { result: CommentFormResult }) {
  return (
    <>
      <div role="status" aria-live="polite">
        {result.kind === "published" && <p className="comment-posted">Thank you: your comment is published.</p>}
        {result.kind === "held" && <p className="comment-posted">Thank you: your comment is awaiting moderation.</p>}
      </div>
      {result.kind === "error" && (
        <p className="form-error" role="alert">
          {result.message}
        </p>
      )}
    </>
  );
}
