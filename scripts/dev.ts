// npm run dev – the development server with hot reload, on its own data directory (.data/dev,
// unless DATA_DIR is set) so it never shares an embedded database with `npm start`.
import path from "node:path";
import { env } from "@/lib/env";
import { fail, loadEnvFiles } from "./lib/cli";
import { prepareDatabase } from "./lib/prepare-database";
import { isPortFree, waitForPort } from "./lib/server.mjs";
import { spawn } from "node:child_process";

loadEnvFiles();
process.env.DATA_DIR ??= path.resolve(".data/dev");
try {
  const { port } = env();
  if (!(await isPortFree(port))) throw new Error(`Port ${port} is already in use; set PORT to use another.`);
  await prepareDatabase({ seed: true, serving: true, log: console.log });
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", "--dev"], { stdio: "inherit" });
  server.on("exit", (code) => process.exit(code ?? 1));
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => server.kill(signal));
  await waitForPort(port, 120_000);
  console.log(`\n  Development server at http://localhost:${port} (data in ${env().dataDir})\n`);
} catch (error) {
  fail(error);
}
