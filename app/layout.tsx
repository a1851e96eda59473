import type { Metadata, Viewport } from "next";
import localFont from "next/font/local";
import { env } from "@/lib/env";
import { siteShareImage } from "@/lib/seo/share-cards";
import { SHARE_IMAGE_SIZE } from "@/lib/seo/share-image";
import "./globals.css";

// Self-hosted fonts (no network at build or run time): Source Serif 4 for reading, Inter for UI.
// Only the faces of the first screen are preloaded (the serif's roman for the headline, Inter for
// the masthead): the italic serves quotes and emphasis further down, so it is a family of its own,
// fetched when used, and does not compete with the hero image. "optional": a face that is not
// there by the first paint waits for the next page (it is cached by then), so text never reflows
// when a font arrives (CLS 0); the fallbacks' metrics are adjusted to the face they stand in for.
const serif = localFont({
  src: "./fonts/source-serif-4-latin-wght-normal.woff2",
  style: "normal",
  weight: "200 900",
  variable: "--font-serif",
  display: "optional",
  adjustFontFallback: "Times New Roman",
  fallback: ["Georgia", "Times New Roman", "serif"],
});
const serifItalic = localFont({
  src: "./fonts/source-serif-4-latin-wght-italic.woff2",
  style: "italic",
  weight: "200 900",
  variable: "--font-serif-italic",
  display: "optional",
  preload: false,
  adjustFontFallback: "Times New Roman",
  fallback: ["Georgia", "Times New Roman", "serif"],
});
const sans = localFont({
  src: "./fonts/inter-latin-wght-normal.woff2",
  weight: "100 900",
  variable: "--font-sans",
  display: "optional",
  adjustFontFallback: "Arial",
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
    <html lang="en" className={`${serif.variable} ${serifItalic.variable} ${sans.variable}`}>
      <body>{children}</body>
    </html>
  );
}
