// The framework floor of `npm run bench` (scripts/lib/bench/floor.ts): a Next.js application with
// nothing of ours in it — no database, no data — whose pages render on every request, so the
// benchmark can say what any server-rendered page of a given size costs here. Pages are cached
// in memory as the app's are (not by Next's default handler, which writes each one to disk).
import { fileURLToPath } from "node:url";

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  cacheHandler: fileURLToPath(new URL("./memory-cache-handler.cjs", import.meta.url)),
  cacheMaxMemorySize: 0,
};

export default nextConfig;
