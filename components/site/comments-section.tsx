import type { PublicComment } from "@/lib/comments/queries";
import { issueFormToken } from "@/lib/comments/form-token";
import { CommentForm } from "./comment-form";
import { CommentBody } from "./comment-body";
import { PublishedDate } from "./published-date";

function CommentItem({ comment, canReply }: { comment: Omit<PublicComment, "replies"> & { replies?: PublicComment["replies"] }; canReply: boolean }) {
  return (
    <li className="comment" id={`comment-${comment.id}`}>
      <article aria-label={`Comment by ${comment.name}`}>
        <p className="comment-meta">
          <span className="comment-author"><bdi>{comment.name}</bdi></span> · <PublishedDate iso={comment.createdAt} withTime />
        </p>
        <CommentBody text={comment.body} />
        {canReply && (
          <p>
            <a href="#comment-form" className="comment-reply" data-reply-to={comment.id} data-reply-name={comment.name}>
              Reply<span className="visually-hidden"> to <bdi>{comment.name}</bdi></span>
            </a>
          </p>
        )}
      </article>
      {comment.replies && comment.replies.length > 0 && (
        <ol className="comment-replies">
          {comment.replies.map((reply) => (
            <CommentItem key={reply.id} comment={reply} canReply={false} />
          ))}
        </ol>
      )}
    </li>
  );
}

/**
 * The comments area: the count, the approved thread, "Post with no comments." when there is none,
 * and the form. It is part of the cached article; approving a comment refreshes the page.
 * Names are isolated (<bdi>) so none can reorder the text around it.
 */
export function CommentsSection({
  storyId,
  count,
  thread,
  open,
}: {
  storyId: number;
  count: number;
  thread: PublicComment[];
  open: boolean;
}) {
  return (
    <section className="comments" id="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">
        Comments <span className="comment-count">({count})</span>
      </h2>
      {/* Shown by :target after the form is posted without JavaScript. */}
      <p id="comment-published" className="comment-notice" role="status">
        Thank you: your comment is published.
      </p>
      <p id="comment-held" className="comment-notice" role="status">
        Thank you: your comment is awaiting moderation.
      </p>
      {count === 0 && <p className="comments-empty">Post with no comments.</p>}
      {thread.length > 0 && (
        <ol className="comment-list">
          {thread.map((comment) => (
            <CommentItem key={comment.id} comment={comment} canReply={open} />
          ))}
        </ol>
      )}
      {/* The token says when this page was rendered (the same for every reader): enough for a post
          without JavaScript; with it, the form asks for a fresh one. */}
      {open ? <CommentForm storyId={storyId} formToken={issueFormToken()} /> : <p className="comments-closed">Comments are closed on this story.</p>}
    </section>
  );
}
