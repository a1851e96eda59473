import { commentLink } from "@/lib/comments/link-text";

// A comment's plain text: paragraphs from blank lines, line breaks kept, and web addresses turned
// into links marked as user content, a look-alike host shown as what it is (lib/comments/link-text.ts).
// Nothing in it is ever treated as HTML.

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/gi;

function linkify(text: string, keyPrefix: string) {
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0];
    const start = match.index ?? 0;
    if (start > last) parts.push(text.slice(last, start));
    const link = commentLink(url);
    parts.push(
      link ? (
        <a key={`${keyPrefix}-${start}`} href={link.href} rel="ugc nofollow noopener">
          {link.text}
        </a>
      ) : (
        url
      ),
    );
    last = start + url.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

export function CommentText({ text }: { text: string }) {
  return (
    <div className="comment-text">
      {text.split(/\n{2,}/).map((paragraph, p) => (
        <p key={p}>
          {paragraph.split("\n").map((line, l) => (
            <span key={l}>
              {l > 0 && <br />}
              {linkify(line, `${p}-${l}`)}
            </span>
          ))}
        </p>
      ))}
    </div>
  );
}
