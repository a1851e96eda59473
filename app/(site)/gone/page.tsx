import type { Metadata } from "next";
import { SiteLink } from "@/components/site/site-link";

// Shown with status 410 for the URL of an unpublished story (see lib/routing/answer-path-rule.ts).
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Story removed",
  description: "This story is no longer published.",
  robots: { index: false, follow: true },
};

export default function GonePage() {
  return (
    <div className="page-narrow notice-page">
      <h1>This story has been removed</h1>
      <p>The story that was published at this address is no longer available.</p>
      <p>
        <SiteLink href="/">Go to the front page</SiteLink>
      </p>
    </div>
  );
}
