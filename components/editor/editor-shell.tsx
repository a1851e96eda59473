import Link from "next/link";
import type { CurrentUser } from "@/lib/auth/users";
import { SignOutButton } from "./sign-out-button";

const links = [
  { href: "/editor", label: "Stories", roles: ["admin", "editor", "writer"] },
  { href: "/editor/stories/new", label: "New story", roles: ["admin", "editor", "writer"] },
  { href: "/editor/media", label: "Media", roles: ["admin", "editor", "writer"] },
  { href: "/editor/comments", label: "Comments", roles: ["admin", "editor", "writer"] },
  { href: "/editor/live", label: "Live", roles: ["admin", "editor"] },
  { href: "/editor/people", label: "People", roles: ["admin"] },
  { href: "/editor/sections", label: "Sections", roles: ["admin"] },
  { href: "/editor/audit", label: "Audit log", roles: ["admin"] },
  { href: "/editor/account", label: "Account", roles: ["admin", "editor", "writer"] },
] as const;

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
              .filter((link) => (link.roles as readonly string[]).includes(user.role))
              .map((link) => (
                <li key={link.href}>
                  {link.href === "/editor/comments" && pendingComments > 0 ? (
                    // The badge alone would read as "Comments 3": the name says what the number counts.
                    <Link href={link.href} aria-label={`${link.label}, ${pendingComments} pending`}>
                      {link.label} <span className="count-badge">{pendingComments}</span>
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
