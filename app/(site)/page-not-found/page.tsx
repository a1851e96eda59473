import type { Metadata } from "next";
import NotFound from "../not-found";

// The not-found page in full, sent by the server with status 404 in place of the empty HTML Next
// gives a page that calls notFound() (lib/routing/not-found-page.ts). Only reachable that way:
// asked for directly it is an unknown path.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Page not found",
  description: "There is no page at this address.",
  robots: { index: false, follow: true },
};

export default function PageNotFound() {
  return <NotFound />;
}
