import { findCommentLinks } from "@/lib/comments/link-text";

// A published comment's body as readers see it: paragraphs from blank lines, line breaks kept, and
// web addresses turned into links marked as user content — the same links the hold rule counts,
// a look-alike host shown as what it is (lib/comments/link-text.ts). Nothing in it is ever
// treated as HTML.

function linkify(text: string, keyPrefix: string) {
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const link of findCommentLinks(text)) {
    if (link.start > last) parts.push(text.slice(last, link.start));
    parts.push(
      <a key={`${keyPrefix}-${link.start}`} href={link.href} rel="ugc nofollow noopener">
        {link.text}
      </a>,
    );
    last = link.end;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

export function CommentBody({ text }: { text: string }) {
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
