// The publication's mark: a globe crossed by a bold meridian, with the sun rising on the
// horizon. No text: the site name (SITE_NAME, default "The Meridian") sits beside it.
// The ink follows `currentColor` so the mark works in light and dark mode; the sun keeps
// the accent colour. app/icon.svg is the same drawing with fixed colours.

export function Logo({ className }: { className?: string }) {
  return (
    <svg
      className={className}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 40 40"
      width="40"
      height="40"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="20" cy="20" r="16.5" fill="none" stroke="currentColor" strokeWidth="2.75" />
      <path d="M20 3.5a10.5 16.5 0 0 1 0 33a6 16.5 0 0 0 0-33z" fill="currentColor" />
      <path d="M4.8 26.5h30.4" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M7 26.5a5.75 5.75 0 0 1 11.5 0z" fill="#b3261e" />
    </svg>
  );
}
