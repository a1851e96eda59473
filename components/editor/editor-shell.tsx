import Link from "next/link";
import { canEditFrontPage, canManageAuthors, canManagePeople, canManageSections, canManageSite, canReadAuditLog, canRunLiveDesk } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/users";
import { PENDING_BADGE_MAX } from "@/lib/comments/moderation";
import { SignOutButton } from "./sign-out-button";

/** The newsroom's pages; one with `can` is listed only for the people that predicate allows. */
const links: { href: string; label: string; can?: (user: CurrentUser) => boolean }[] = [
  { href: "/editor", label: "Stories" },
  { href: "/editor/stories/new", label: "New story" },
  { href: "/editor/media", label: "Media" },
  { href: "/editor/comments", label: "Comments" },
  { href: "/editor/trash", label: "Trash" },
  { href: "/editor/front-page", label: "Front page", can: canEditFrontPage },
  { href: "/editor/live", label: "Live", can: canRunLiveDesk },
  { href: "/editor/authors", label: "Authors", can: canManageAuthors },
  { href: "/editor/people", label: "People", can: canManagePeople },
  { href: "/editor/sections", label: "Sections", can: canManageSections },
  { href: "/editor/settings", label: "Settings", can: canManageSite },
  { href: "/editor/audit", label: "Audit log", can: canReadAuditLog },
  { href: "/editor/account", label: "Account" },
];

/** The badge's number: the count, or "99+" once countPendingComments stops counting. */
export const badgeCount = (pending: number) => (pending >= PENDING_BADGE_MAX ? `${PENDING_BADGE_MAX - 1}+` : String(pending));

/** The newsroom's frame: navigation for the signed-in person's role, with the comments awaiting moderation. */
export function EditorShell({
  user,
  siteName,
  pendingComments = 0,
  children,
}: {
  user: CurrentUser;
  siteName: string;
  /** Pending comments the person may see (writers: on their own stories). */
  pendingComments?: number;
  children: React.ReactNode;
}) {
  return (
    <div className="editor">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="editor-header">
        <Link href="/editor" className="editor-brand">
          {siteName} <span>newsroom</span>
        </Link>
        <nav aria-label="Newsroom">
          <ul>
            {links
              .filter((link) => !link.can || link.can(user))
              .map((link) => (
                <li key={link.href}>
                  {link.href === "/editor/comments" && pendingComments > 0 ? (
                    // The badge alone would read as "Comments 3": the name says what the number counts.
                    <Link href={link.href} aria-label={`${link.label}, ${badgeCount(pendingComments)} pending`}>
                      {link.label} <span className="count-badge">{badgeCount(pendingComments)}</span>
                    </Link>
                  ) : (
                    <Link href={link.href}>{link.label}</Link>
                  )}
                </li>
              ))}
            <li>
              <Link href="/">View site</Link>
            </li>
          </ul>
        </nav>
        <div className="editor-user">
          <span>
            {user.name} <span className="role-badge">{user.role}</span>
          </span>
          <SignOutButton />
        </div>
      </header>
      <main id="main" className="editor-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
