import Link from "next/link";

// The page of a link an admin handed over (an invitation, a password reset) that no longer works.
export function LinkGone({ what }: { what: "invitation" | "password reset" }) {
  return (
    <main id="main" className="sign-in-page">
      <h1>This {what} link no longer works</h1>
      <p>It has expired, was already used, or was withdrawn. Ask an admin of the newsroom for a new one.</p>
      <p>
        <Link href="/editor/sign-in">Sign in</Link>
      </p>
    </main>
  );
}
