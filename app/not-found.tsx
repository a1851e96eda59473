import Link from "next/link";

// Fallback for paths outside the public site's layout (the site has its own, with navigation).
export default function NotFound() {
  return (
    <main id="main" className="page-narrow notice-page">
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
      <p>
        <Link href="/">Go to the front page</Link>
      </p>
    </main>
  );
}
