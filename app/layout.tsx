import type { Metadata, Viewport } from "next";
import { env } from "@/lib/env";
import { getSiteSettings } from "@/lib/settings/cached";
import { siteShareImage } from "@/lib/seo/share-cards";
import { SHARE_IMAGE_SIZE } from "@/lib/seo/share-image";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const { siteUrl } = env();
  const { name: siteName, description: siteDescription } = await getSiteSettings();
  return {
    metadataBase: new URL(siteUrl),
    title: { default: siteName, template: `%s | ${siteName}` },
    description: siteDescription,
    applicationName: siteName,
    // Pages with a card of their own (lib/seo/open-graph.ts) replace these whole.
    openGraph: { siteName, type: "website", images: [{ url: siteShareImage(), ...SHARE_IMAGE_SIZE }] },
    twitter: { card: "summary_large_image", images: [siteShareImage()] },
    formatDetection: { telephone: false },
  };
}

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fbfaf7" },
    { media: "(prefers-color-scheme: dark)", color: "#131312" },
  ],
  colorScheme: "light dark",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
