// The framework floor of `npm run bench` (scripts/lib/bench/floor.ts): a Next.js application with
// nothing of ours in it — no database, no cache handler, no data — whose pages render on every
// request, so the benchmark can say what any server-rendered page of a given size costs here.
/** @type {import('next').NextConfig} */
const nextConfig = { poweredByHeader: false, reactStrictMode: true };

export default nextConfig;
