// @ts-check
import { fileURLToPath } from "node:url";
import { SECTION_PATH_PATTERN } from "./lib/routing/section-paths.js";

/** Security headers for every response; pages add their own caching headers. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "SAMEORIGIN" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), interest-cohort=()" },
];

/** A tag's or an author's slug. */
const SLUG_PATTERN = "[a-z0-9]+(?:-[a-z0-9]+)*";

/**
 * With S3_PUBLIC_BASE_URL, pages name uploads there (lib/media/urls.ts), and the image optimizer
 * fetches them from there: read when the server starts, like the rest of this file.
 * @type {URL[]}
 */
const mediaOrigins = process.env.S3_PUBLIC_BASE_URL && URL.canParse(process.env.S3_PUBLIC_BASE_URL) ? [new URL(`${process.env.S3_PUBLIC_BASE_URL.replace(/\/+$/, "")}/**`)] : [];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WebAssembly and data files that must be loaded from node_modules, not bundled.
  // The S3 client is loaded from node_modules on first use (lib/media/s3-store.ts), not bundled into every route.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "sharp", "@aws-sdk/client-s3"],
  // Rendered pages and cached reads live in memory (see the handler for why), not in .next.
  cacheHandler: fileURLToPath(new URL("./lib/cache/page-cache-handler.cjs", import.meta.url)),
  cacheMaxMemorySize: 0,
  poweredByHeader: false,
  reactStrictMode: true,
  images: {
    localPatterns: [{ pathname: "/media/**" }],
    remotePatterns: mediaOrigins,
    formats: ["image/avif", "image/webp"],
    deviceSizes: [360, 480, 640, 828, 1080, 1280, 1600],
    imageSizes: [96, 160, 240, 320],
    qualities: [70, 75],
    minimumCacheTTL: 31536000,
  },
  async rewrites() {
    return {
      // Section pages paginate with ?before=<story id>. The cursor moves into the path so the
      // page stays statically cached (reading searchParams would render it on every request).
      // Only paths that can be sections: the newsroom, /live and the rest read ?before= themselves.
      beforeFiles: [
        {
          source: `/:path(${SECTION_PATH_PATTERN})`,
          has: [{ type: "query", key: "before", value: "(?<before>[1-9][0-9]{0,9})" }],
          destination: "/:path/_before/:before",
        },
        // Tag and author pages paginate the same way, for the same reason.
        {
          source: "/:kind(tags|authors)/:slug([a-z0-9]+(?:-[a-z0-9]+)*)",
          has: [{ type: "query", key: "before", value: "(?<before>[1-9][0-9]{0,9})" }],
          destination: "/:kind/:slug/_before/:before",
        },
        // Feeds under their pages (lib/feeds/addresses.ts) are answered by route handlers under
        // /feeds: a route cannot sit beside the catch-all page, and "feeds" can never be a section.
        { source: `/:path(${SECTION_PATH_PATTERN})/feed.xml`, destination: "/feeds/sections/:path" },
        { source: `/tags/:slug(${SLUG_PATTERN})/feed.xml`, destination: "/feeds/tags/:slug" },
        { source: `/authors/:slug(${SLUG_PATTERN})/feed.xml`, destination: "/feeds/authors/:slug" },
      ],
    };
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Private pages are never indexed (they are rendered per request: private, no-store).
      { source: "/(preview|editor)/:path*", headers: [{ key: "X-Robots-Tag", value: "noindex, nofollow" }] },
    ];
  },
};

export default nextConfig;
