/** The comments area. Posting arrives with the comments issue; the count and empty state are here now. */
export function CommentsSection({ count }: { count: number }) {
  return (
    <section className="comments" id="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">
        Comments <span className="comment-count">({count})</span>
      </h2>
      {count === 0 && <p className="comments-empty">Post with no comments.</p>}
    </section>
  );
}
