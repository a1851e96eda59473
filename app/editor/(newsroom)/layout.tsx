import { readSiteSettings } from "@/lib/settings/site";
import type { Metadata } from "next";
import { EditorShell } from "@/components/editor/editor-shell";
import { requireUser } from "@/lib/auth/session";
import { countPendingComments } from "@/lib/comments/moderation";
import "../editor.css";

// Every newsroom page is rendered per request for the signed-in person; each page and action
// checks the session and role itself as well (this layout is a convenience, not the guard).
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Newsroom", template: "%s · Newsroom" },
  robots: { index: false, follow: false },
};

export default async function NewsroomLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const pendingComments = await countPendingComments(user);
  return (
    <EditorShell user={user} siteName={(await readSiteSettings()).name} pendingComments={pendingComments}>
      {children}
    </EditorShell>
  );
}
