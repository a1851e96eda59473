// The HTTP server: Next.js behind a thin handler that refuses what Next would answer with a 500
// (lib/routing/refuse-request.ts) and answers the status codes pages cannot
// (lib/routing/answer-path-rule.ts), and sends the site's not-found page with every 404 page
// (lib/routing/not-found-page.ts), gives the site's pages a Cache-Control a CDN can keep
// (lib/http/page-cache-policy.ts), and answers a cached page from stored bytes without Next
// (lib/http/page-store.ts), sets every answer's Content-Security-Policy and HSTS
// (lib/http/security-headers.ts), and counts readers' views from the article beacon itself
// (lib/analytics/beacon.ts), writing them in batches (lib/analytics/counter.ts). The build compiles it to .next/meridian/serve.mjs
// (scripts/lib/build.ts), which `npm start` loads in its own process and the end-to-end tests and
// the benchmark start as a child (scripts/lib/server.mjs); alone: `node .next/meridian/serve.mjs`
// after a build and a migration, or `node --import tsx scripts/serve.ts --dev` (npm run dev).
import http from "node:http";
import { closeDatabase, setProcessDatabase } from "@/db/client";
import { env } from "@/lib/env";
import { stampClientIp } from "@/lib/auth/client-ip";
import { logError } from "@/lib/log";
import { applyPageCachePolicy } from "@/lib/http/page-cache-policy";
import { pageStore } from "@/lib/http/page-store";
import { securityHeaders } from "@/lib/http/security-headers";
import { applySearchStatus } from "@/lib/http/search-status";
import { answerPathRule } from "@/lib/routing/answer-path-rule";
import { notFoundPages } from "@/lib/routing/not-found-page";
import { installKeys, loadKeys } from "@/lib/auth/keys";
import { guardRequest } from "@/lib/routing/refuse-request";
import { sweepStories } from "@/lib/stories/sweeper";
import { bannerSweeper } from "@/lib/front-page/sweeper";
import { readSiteSettings } from "@/lib/settings/site";
import { answerViewBeacon } from "@/lib/analytics/beacon";
import { viewCounter, writeViews } from "@/lib/analytics/counter";
import { authCookies } from "@/lib/auth/cookie-names";
import { getDb } from "@/lib/db";
import { searchWordsSweeper } from "@/lib/search/suggestions";
import { fail, loadEnvFiles } from "./lib/cli";
import { openCheckedDatabase } from "./lib/prepare-database";

const SWEEP_MS = 5000;
/** How often the counted views are written: one statement per interval, whatever the traffic. */
const VIEWS_FLUSH_MS = 5000;

loadEnvFiles();
try {
  const { port, siteUrl, trustProxy, authSecret, liveAllowHttp } = env();
  const dev = process.argv.includes("--dev");
  // Open the database now: a locked data directory or an unreachable server stops the start
  // with one clear line, instead of failing the first request.
  setProcessDatabase(await openCheckedDatabase());
  installKeys(loadKeys(authSecret));
  process.env.NEXTAUTH_URL = siteUrl;
  // React and Next.js pick their builds from NODE_ENV when first loaded.
  (process.env as Record<string, string>).NODE_ENV = dev ? "development" : "production";
  const { default: next } = await import("next");
  const app = next({ dev, dir: process.cwd(), port });
  const handle = app.getRequestHandler();
  await app.prepare();

  // Scheduled stories appear on time with no visitor needed; one whose time passed while the
  // server was down appears now; stories 30 days in the trash are purged. Several instances may
  // sweep: the updates are atomic.
  // The breaking-news banner goes at its expiry; the site settings are read again, so dates are
  // printed in a time zone saved on another instance (lib/settings/time-zone.ts).
  const sweepBanner = bannerSweeper();
  // The search's spelling suggestions read the archive's words, rebuilt a slice of stories each sweep.
  const sweepSearchWords = searchWordsSweeper();
  const sweep = () =>
    Promise.all([
      sweepStories().catch((error: unknown) => logError((error as Error).message)),
      sweepBanner().catch((error: unknown) => logError(`Removing the expired banner failed: ${(error as Error).message}`)),
      readSiteSettings().catch((error: unknown) => logError(`Reading the site settings failed: ${(error as Error).message}`)),
      sweepSearchWords().catch((error: unknown) => logError(`Rebuilding the search words failed: ${(error as Error).message}`)),
    ]);
  await sweep();
  setInterval(sweep, SWEEP_MS).unref();

  const views = viewCounter((counts) => writeViews(getDb(), counts));
  const stopCounting = views.start(VIEWS_FLUSH_MS, (error) => logError(`Writing the view counts failed: ${(error as Error).message}`));
  const sessionCookie = authCookies(siteUrl).sessionToken.name;

  const notFound = notFoundPages(port);
  const security = securityHeaders({ siteUrl, liveAllowHttp, dev });
  const pages = pageStore(Date.now, security);
  const server = http.createServer((request, response) => {
    stampClientIp(request, trustProxy);
    security.prepare(request, response);
    if (guardRequest(request, response, trustProxy) === "answered") return;
    if (answerViewBeacon(request, response, views, sessionCookie)) return;
    const route = notFound.route(request);
    // The server's own request for the not-found page keeps Next's headers: the page it becomes
    // is given its policy by the request it answers (a preview's 404 stays private).
    if (route !== "internal") {
      applyPageCachePolicy(request, response);
      // After the policy: the policy then sees the 400 of a malformed search.
      applySearchStatus(request, response);
    }
    (route === "internal" ? Promise.resolve("continue" as const) : answerPathRule(request, response))
      .then((outcome) => {
        if (outcome === "answered") return;
        if (route !== "internal") {
          if (pages.answer(request, response)) return;
          pages.capture(request, response);
        }
        if (route === "watch") notFound.hold(response);
        return handle(request, response);
      })
      .catch((error: unknown) => {
        logError(error);
        if (!response.headersSent) response.writeHead(500, { "Content-Type": "text/plain" });
        response.end("Internal server error");
      });
  });

  const shutdown = () => {
    server.close();
    server.closeIdleConnections();
    // The views counted since the last flush are written before the database closes.
    void stopCounting()
      .catch((error: unknown) => logError(`Writing the last view counts failed: ${(error as Error).message}`))
      .then(closeDatabase)
      .catch(() => {})
      .finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);

  server.on("error", fail);
  server.listen(port, () => {
    if (dev || !process.env.MERIDIAN_SUPERVISED) console.log(`Listening on port ${port}`);
  });
} catch (error) {
  fail(error);
}
