import Link from "next/link";
import type { CurrentUser } from "@/lib/auth/users";
import { formatDateTime } from "@/lib/format/dates";
import { getNeedsYou, isNothing, type SentBack, type WaitingStory } from "@/lib/stories/needs-you";
import { badgeCount } from "./editor-shell";

// The top of the dashboard: what waits for the signed-in person (lib/stories/needs-you.ts).

const when = (at: Date) => <time dateTime={at.toISOString()}>{formatDateTime(at.toISOString())}</time>;
const storyLink = (id: number, headline: string) => <Link href={`/editor/stories/${id}`}>{headline}</Link>;

function SentBackList({ rows }: { rows: SentBack[] }) {
  if (!rows.length) return null;
  return (
    <>
      <h3>Sent back to you</h3>
      <ul className="needs-you-list">
        {rows.map((row) => (
          <li key={row.id}>
            {storyLink(row.id, row.headline)}{" "}
            <span className="muted">
              sent back by {row.noteBy ?? "a former editor"}, {when(row.sentAt)}:
            </span>{" "}
            <q className="note-body">{row.note}</q>
          </li>
        ))}
      </ul>
    </>
  );
}

function WaitingList({ title, list, detail, all }: { title: string; list: { rows: WaitingStory[]; more: boolean } | null; detail: (row: WaitingStory) => React.ReactNode; all: { href: string; label: string } }) {
  if (!list?.rows.length) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul className="needs-you-list">
        {list.rows.map((row) => (
          <li key={row.id}>
            {storyLink(row.id, row.headline)} <span className="muted">{detail(row)}</span>
          </li>
        ))}
      </ul>
      {list.more && (
        <p>
          <Link href={all.href}>{all.label}</Link>
        </p>
      )}
    </>
  );
}

export async function NeedsYou({ user }: { user: CurrentUser }) {
  const needs = await getNeedsYou(user);
  return (
    <section className="panel needs-you" aria-labelledby="needs-you-heading">
      <h2 id="needs-you-heading">Needs you</h2>
      {isNothing(needs) && <p className="muted">Nothing needs you right now.</p>}
      <SentBackList rows={needs.sentBack} />
      <WaitingList
        title="Waiting for review, longest first"
        list={needs.review}
        detail={(row) => <>by {row.by ?? "a former writer"}{row.at && <>, submitted {when(row.at)}</>}</>}
        all={{ href: "/editor?status=review", label: "Every story in review" }}
      />
      {Boolean(needs.pendingComments) && (
        <p>
          <Link href="/editor/comments?status=pending">{badgeCount(needs.pendingComments ?? 0)} comments waiting for moderation</Link>
        </p>
      )}
      <WaitingList
        title="Scheduled for the next 24 hours"
        list={needs.dueSoon}
        detail={(row) => row.at && <>at {when(row.at)}</>}
        all={{ href: "/editor?status=scheduled", label: "Every scheduled story" }}
      />
    </section>
  );
}
