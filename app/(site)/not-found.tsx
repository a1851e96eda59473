import { SiteLink } from "@/components/site/site-link";

// Its title and description come from the catch-all route's generateMetadata.

export default function NotFound() {
  return (
    <div className="page-narrow notice-page">
      <h1>Page not found</h1>
      <p>We could not find a page at this address. It may have been mistyped, or it never existed.</p>
      <p>
        <SiteLink href="/">Go to the front page</SiteLink>
      </p>
    </div>
  );
}
