import { isBannerShowing, type Banner } from "@/lib/front-page/banner";
import { SiteLink } from "./site-link";

/** The breaking-news line across the top of every page, while it runs (lib/front-page/banner.ts). */
export function BreakingBanner({ banner }: { banner: Banner | null }) {
  if (!banner || !isBannerShowing(banner)) return null;
  const external = banner.href !== null && !banner.href.startsWith("/");
  return (
    <aside className="breaking-banner" aria-label="Breaking news">
      <strong className="breaking-label">Breaking</strong>{" "}
      {banner.href === null ? (
        <span>{banner.text}</span>
      ) : external ? (
        <a href={banner.href}>{banner.text}</a>
      ) : (
        <SiteLink href={banner.href}>{banner.text}</SiteLink>
      )}
    </aside>
  );
}
