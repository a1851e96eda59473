// The HTTP server: Next.js behind a thin handler that refuses what Next would answer with a 500
// (lib/routing/refuse-request.ts) and answers the status codes pages cannot
// (lib/routing/answer-path-rule.ts), and sends the site's not-found page with every 404 page
// (lib/routing/not-found-page.ts), gives the site's pages a Cache-Control a CDN can keep
// (lib/http/page-cache-policy.ts), and answers a cached page from stored bytes without Next
// (lib/http/page-store.ts; with REDIS_URL pages and invalidations are shared with the other
// instances: lib/cache/redis-cache.ts), sets every answer's Content-Security-Policy and HSTS
// (lib/http/security-headers.ts), and counts readers' views from the article beacon itself
// (lib/analytics/beacon.ts), writing them in batches (lib/analytics/counter.ts), and on the
// embedded database makes `npm run backup`'s archive itself (lib/backup/endpoint.ts). It answers 503
// with Retry-After, never 500, while the database is away or too slow for a write
// (lib/http/database-outage.ts). Each request gets
// an id and one log line (lib/ops/requests.ts); the operators' health, readiness and metrics are
// answered here too (lib/ops/answer.ts); SIGTERM drains the server before it exits
// (README, "Operations"). The build compiles it to .next/meridian/serve.mjs
// (scripts/lib/build.ts), which `npm start` loads in its own process and the end-to-end tests and
// the benchmark start as a child (scripts/lib/server.mjs); alone: `node .next/meridian/serve.mjs`
// after a build and a migration, or `node --import tsx scripts/serve.ts --dev` (npm run dev).
import http from "node:http";
import { inspect } from "node:util";
import { closeDatabase, setProcessDatabase } from "@/db/client";
import { runInRequestScope } from "@/db/request-scope";
import { env } from "@/lib/env";
import { stampClientIp } from "@/lib/auth/client-ip";
import { log, logError } from "@/lib/log";
import { databaseScope, serverFailure } from "@/lib/http/database-outage";
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
import { answerOps, isOpsRequest } from "@/lib/ops/answer";
import { countPageStore, countSweep } from "@/lib/ops/metrics";
import { scrapedValues } from "@/lib/ops/process-metrics";
import { readinessCheck } from "@/lib/ops/readiness";
import { requestTracker } from "@/lib/ops/requests";
import { storesRequest } from "@/lib/http/page-store";
import { openBackupEndpoint } from "@/lib/backup/endpoint";
import { connectRedisCache, nextBuildId } from "@/lib/cache/redis-cache";
import { fail, loadEnvFiles } from "./lib/cli";
import { openCheckedDatabase } from "./lib/prepare-database";

const SWEEP_MS = 5000;
/** How often the counted views are written: one statement per interval, whatever the traffic. */
const VIEWS_FLUSH_MS = 5000;
/** How long a SIGTERM waits for the requests in flight before it cuts them. */
const DRAIN_LIMIT_MS = 10_000;
/** Past this after a SIGTERM the process exits whatever is left (a sweep or a database close that hangs). */
const EXIT_LIMIT_MS = DRAIN_LIMIT_MS + 10_000;

/**
 * What Next and the libraries write to the console goes into the log, with the request's id and
 * through its redaction. (`npm start` prints its banner with the console it had before: scripts/start.mjs.)
 */
function consoleIntoLog(): void {
  const text = (parts: unknown[]) => parts.map((part) => (typeof part === "string" ? part : inspect(part, { depth: 4, breakLength: Infinity }))).join(" ");
  console.error = (...parts: unknown[]) => logError(...parts);
  console.warn = (...parts: unknown[]) => log.warn(text(parts));
  console.log = (...parts: unknown[]) => log.info(text(parts));
  console.info = console.log;
}

loadEnvFiles();
try {
  const { port, siteUrl, trustProxy, authSecret, metricsToken, databaseUrl, dataDir, liveAllowHttp, redisUrl, objectStorage } = env();
  const dev = process.argv.includes("--dev");
  // Open the database now: a locked data directory or an unreachable server stops the start
  // with one clear line, instead of failing the first request.
  const database = await openCheckedDatabase();
  setProcessDatabase(database);
  installKeys(loadKeys(authSecret));
  // From here on (a failure to start above is one plain line on stderr, explainFailure's).
  consoleIntoLog();
  // With REDIS_URL, rendered pages, cached reads and every invalidation are shared with the other
  // instances; the connection is made in the background and the memory answers until it is.
  const redisCache = redisUrl ? connectRedisCache({ url: redisUrl, buildId: nextBuildId(process.cwd(), dev) }) : undefined;
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
  // The search's spelling suggestions read the archive's words, rebuilt a slice of stories each
  // sweep, in one pass shared by every instance (README, "Several instances on one database").
  const sweepSearchWords = searchWordsSweeper();
  const task = (name: string, run: () => Promise<unknown>, failure: string) =>
    run().then(
      () => countSweep(name, true),
      (error: unknown) => {
        countSweep(name, false);
        logError(failure, error);
      },
    );
  // The sweep in progress, which a shutdown lets finish.
  let sweeping: Promise<unknown> = Promise.resolve();
  const sweep = () =>
    (sweeping = Promise.all([
      task("stories", () => sweepStories(), "The story sweep failed:"),
      task("banner", sweepBanner, "Removing the expired banner failed:"),
      task("settings", readSiteSettings, "Reading the site settings failed:"),
      task("search-words", sweepSearchWords, "Rebuilding the search words failed:"),
    ]));
  await sweep();
  const sweepTimer = setInterval(sweep, SWEEP_MS);
  sweepTimer.unref();

  const views = viewCounter((counts) => writeViews(getDb(), counts));
  const stopCounting = views.start(VIEWS_FLUSH_MS, (error) => {
    countSweep("views", false);
    logError(`Writing the view counts failed: ${(error as Error).message}`);
  });
  const sessionCookie = authCookies(siteUrl).sessionToken.name;

  // Only this process may open the embedded database, so it makes the backups of it.
  const answerBackup = databaseUrl ? () => false : openBackupEndpoint({ handle: database, dataDir, port });

  const notFound = notFoundPages(port);
  const security = securityHeaders({ siteUrl, liveAllowHttp, dev, mediaBaseUrl: objectStorage?.publicBaseUrl });
  const pages = pageStore(Date.now, security);
  const requests = requestTracker();
  const ops = { readiness: readinessCheck(getDb, () => requests.draining), metricsToken, scraped: scrapedValues };
  const server = http.createServer((request, response) => requests.track(request, response, () =>
      // Each request in its own database scope: a 500 caused by a database that was away goes out
      // as a 503, and a write stops at its deadline (lib/http/database-outage.ts).
      runInRequestScope(databaseScope(request, response), () => serve(request, response)),
    ),
  );

  function serve(request: http.IncomingMessage, response: http.ServerResponse): void {
    security.prepare(request, response);
    if (isOpsRequest(request.url)) {
      void answerOps(request, response, ops).catch((error: unknown) => answerFailure(response, error));
      return;
    }
    stampClientIp(request, trustProxy);
    if (guardRequest(request, response, trustProxy) === "answered") return;
    if (answerBackup(request, response)) return;
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
          if (pages.answer(request, response)) {
            countPageStore(true);
            return;
          }
          if (storesRequest(request)) countPageStore(false);
          pages.capture(request, response);
        }
        if (route === "watch") notFound.hold(response);
        return handle(request, response);
      })
      .catch((error: unknown) => answerFailure(response, error));
  }

  /** The server's own failure (outside Next): a 503 to retry when the database was away, else a logged 500. */
  function answerFailure(response: http.ServerResponse, error: unknown): void {
    const failure = serverFailure(error);
    if (failure.status === 500) logError(error);
    if (!response.headersSent) response.writeHead(failure.status, failure.headers);
    response.end(failure.body);
  }

  // SIGTERM: /api/ready answers 503 at once; no new connection is taken; the requests in flight
  // finish (DRAIN_LIMIT_MS at most); then the sweep in progress, the last view counts, and the
  // database closed cleanly (PGlite writes its files and releases the data directory's lock).
  const shutdown = async (signal: string) => {
    const exitTimer = setTimeout(() => {
      log.error(`Shutdown did not finish within ${EXIT_LIMIT_MS / 1000} s: exiting anyway`);
      process.exit(1);
    }, EXIT_LIMIT_MS);
    exitTimer.unref();
    log.info({ signal, inFlight: requests.inFlight }, "Shutting down: no new connections; finishing the requests in flight");
    const cut = await requests.drain(server, DRAIN_LIMIT_MS);
    if (cut) log.warn({ cut }, `Requests still running after ${DRAIN_LIMIT_MS / 1000} s were cut`);
    clearInterval(sweepTimer);
    await sweeping;
    // The views counted since the last flush are written before the database closes.
    await stopCounting().catch((error: unknown) => logError(`Writing the last view counts failed: ${(error as Error).message}`));
    await closeDatabase().catch((error: unknown) => logError("Closing the database failed:", error));
    await redisCache?.close();
    log.info("Shut down cleanly");
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));

  server.on("error", fail);
  server.listen(port, () => {
    if (dev || !process.env.MERIDIAN_SUPERVISED) log.info(`Listening on port ${port}`);
  });
} catch (error) {
  fail(error);
}
