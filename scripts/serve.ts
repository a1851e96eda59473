// The production HTTP server: Next.js behind a thin handler that answers the status codes pages
// cannot (lib/routing/answer-path-rule.ts). `npm start`, the end-to-end tests and the benchmark
// run it; run it alone with `node --import tsx scripts/serve.ts` after a build and a migration.
import http from "node:http";
import { closeDatabase } from "@/db/client";
import { env } from "@/lib/env";
import { answerPathRule } from "@/lib/routing/answer-path-rule";
import { fail, loadEnvFiles } from "./lib/cli";

loadEnvFiles();
try {
  const { port } = env();
  // React and Next.js pick their production builds from NODE_ENV when first loaded.
  (process.env as Record<string, string>).NODE_ENV = "production";
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: process.cwd(), port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = http.createServer((request, response) => {
    answerPathRule(request, response)
      .then((outcome) => (outcome === "answered" ? undefined : handle(request, response)))
      .catch((error: unknown) => {
        console.error(error);
        if (!response.headersSent) response.writeHead(500, { "Content-Type": "text/plain" });
        response.end("Internal server error");
      });
  });

  const shutdown = () => {
    server.close();
    server.closeIdleConnections();
    void closeDatabase()
      .catch(() => {})
      .finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);

  server.on("error", fail);
  server.listen(port, () => console.log(`Listening on port ${port}`));
} catch (error) {
  fail(error);
}
