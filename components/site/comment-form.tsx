"use client";

import { useEffect, useRef, useState } from "react";

// The comment form. Without JavaScript it is a plain POST that comes back to the article with a
// message. With JavaScript it posts in place, shows errors next to the fields and a notice when
// the comment is held, and can remember the reader's name on this device. Either way it sends a
// form token (the page's own, or a fresh one fetched when the form appears): without one a
// comment is held for moderation.

const NAME_KEY = "meridian.commenter-name";

type Result =
  | { kind: "idle" }
  | { kind: "sending" }
  | { kind: "published" | "held" }
  | { kind: "error"; message: string; fields: Record<string, string> };

function newKey() {
  return crypto.randomUUID().replace(/-/g, "");
}

export function CommentForm({ storyId, formToken }: { storyId: number; formToken: string }) {
  const [result, setResult] = useState<Result>({ kind: "idle" });
  const [replyTo, setReplyTo] = useState<{ id: number; name: string } | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const rememberBox = useRef<HTMLInputElement>(null);
  const [token, setToken] = useState(formToken);
  const idempotencyKey = useRef<string>("");

  useEffect(() => {
    idempotencyKey.current = newKey();
    const saved = window.localStorage.getItem(NAME_KEY);
    if (saved && nameInput.current && rememberBox.current) {
      nameInput.current.value = saved;
      rememberBox.current.checked = true;
    }
    fetch("/api/comments/token", { cache: "no-store" })
      .then((response) => response.json())
      .then((data: { token: string }) => setToken(data.token))
      .catch(() => {});
    // "Reply" links in the thread choose the comment to answer.
    const onClick = (event: MouseEvent) => {
      const link = (event.target as HTMLElement).closest<HTMLAnchorElement>("a[data-reply-to]");
      if (!link) return;
      setReplyTo({ id: Number(link.dataset.replyTo), name: link.dataset.replyName ?? "" });
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, []);

  async function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const body = String(data.get("body") ?? "");
    const author = String(data.get("name") ?? "");
    if (rememberBox.current?.checked) window.localStorage.setItem(NAME_KEY, author.trim());
    else window.localStorage.removeItem(NAME_KEY);
    setResult({ kind: "sending" });
    try {
      const response = await fetch(`/api/stories/${storyId}/comments`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          name: author,
          email: String(data.get("email") ?? ""),
          body,
          website: String(data.get("website") ?? ""),
          parentId: replyTo?.id,
          idempotencyKey: idempotencyKey.current,
          formToken: String(data.get("formToken") ?? ""),
        }),
      });
      const answer = (await response.json().catch(() => ({}))) as { error?: string; fieldErrors?: Record<string, string> };
      if (response.status === 201 || response.status === 202) {
        setResult({ kind: response.status === 201 ? "published" : "held" });
        idempotencyKey.current = newKey();
        setReplyTo(null);
        (form.elements.namedItem("body") as HTMLTextAreaElement).value = "";
        return;
      }
      setResult({ kind: "error", message: answer.error ?? `Your comment was not posted (${response.status}).`, fields: answer.fieldErrors ?? {} });
    } catch {
      setResult({ kind: "error", message: "Your comment was not posted: the site could not be reached. It is still in the box.", fields: {} });
    }
  }

  const fields = result.kind === "error" ? result.fields : {};
  const invalid = (field: string) => (fields[field] ? { "aria-invalid": true, "aria-describedby": `comment-${field}-error` } : {});
  const error = (field: string) =>
    fields[field] ? (
      <span id={`comment-${field}-error`} className="field-error">
        {fields[field]}
      </span>
    ) : null;

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
          <button type="button" className="link-button" onClick={() => setReplyTo(null)}>
            Cancel the reply
          </button>
        </p>
      )}
      <div className="comment-field">
        <label htmlFor="comment-name">Name</label>
        <input ref={nameInput} id="comment-name" name="name" type="text" maxLength={80} required autoComplete="name" {...invalid("name")} />
        {error("name")}
      </div>
      <div className="comment-field">
        <label htmlFor="comment-email">E-mail (optional, never shown)</label>
        <input id="comment-email" name="email" type="email" maxLength={200} autoComplete="email" {...invalid("email")} />
        {error("email")}
      </div>
      <div className="comment-field">
        <label htmlFor="comment-body">Comment</label>
        <textarea id="comment-body" name="body" rows={5} maxLength={5000} required {...invalid("body")} />
        {error("body")}
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
      <div role="status" aria-live="polite">
        {result.kind === "published" && <p className="comment-posted">Thank you: your comment is published.</p>}
        {result.kind === "held" && <p className="comment-posted">Thank you: your comment is awaiting moderation.</p>}
      </div>
      {result.kind === "error" && (
        <p className="form-error" role="alert">
          {result.message}
        </p>
      )}
    </form>
  );
}
