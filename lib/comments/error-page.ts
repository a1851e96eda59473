import { DomainError } from "@/lib/errors";
import { retryAfterHeader } from "@/lib/http/retry-after";

// What the article's comment form gets back when it was posted without JavaScript and refused:
// a small page with the reasons and a way back. Every character of the message is escaped.

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function commentErrorPage(error: DomainError, storyPath: string | null): Response {
  const reasons = error.fieldErrors ? Object.values(error.fieldErrors) : [error.message];
  const back = storyPath ? `<p><a href="${escape(storyPath)}#comments">Back to the story</a> (your browser's Back button keeps what you wrote)</p>` : "";
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Your comment was not posted</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5"><h1>Your comment was not posted</h1><ul>${reasons.map((r) => `<li>${escape(r)}</li>`).join("")}</ul>${back}</body></html>`;
  const headers = { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", ...retryAfterHeader(error) };
  return new Response(html, { status: error.status, headers });
}
