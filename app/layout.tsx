import type { Metadata, Viewport } from "next";
import localFont from "next/font/local";
import { env } from "@/lib/env";
import { siteShareImage } from "@/lib/seo/share-cards";
import { SHARE_IMAGE_SIZE } from "@/lib/seo/share-image";
import "./globals.css";

// Self-hosted fonts (no network at build or run time): Source Serif 4 for reading, Inter for UI.
const serif = localFont({
  src: [
    { path: "./fonts/source-serif-4-latin-wght-normal.woff2", style: "normal", weight: "200 900" },
    { path: "./fonts/source-serif-4-latin-wght-italic.woff2", style: "italic", weight: "200 900" },
  ],
  variable: "--font-serif",
  display: "swap",
  fallback: ["Georgia", "Times New Roman", "serif"],
});
const sans = localFont({
  src: "./fonts/inter-latin-wght-normal.woff2",
  weight: "100 900",
  variable: "--font-sans",
  display: "swap",
  fallback: ["system-ui", "Segoe UI", "Helvetica", "Arial", "sans-serif"],
});

export async function generateMetadata(): Promise<Metadata> {
  const { siteName, siteDescription, siteUrl } = env();
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
    <html lang="en" className={`${serif.variable} ${sans.variable}`}>
      <body>{children}</body>
    </html>
  );
}
