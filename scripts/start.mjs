// @ts-check
// npm start – builds if the sources changed, migrates, seeds an empty database, then serves.
// The preparing runs in a child that exits (scripts/prepare-start.ts, through tsx), taking the
// database it opened with it: PGlite's memory cannot be given back in-process. Then this process
// becomes the server, loading the compiled bundle (SERVER_BUNDLE) on bare node: no tsx, and no
// second node process to supervise it (`npm run measure:memory` shows what each one costs).
import { spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { SERVER_BUNDLE, waitForPort } from "./lib/server.mjs";

/** @returns {Promise<import("./prepare-start").StartPlan>} */
function prepare() {
  return new Promise((resolve) => {
    /** @type {import("./prepare-start").StartPlan | undefined} */
    let plan;
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/prepare-start.ts"], {
      stdio: ["inherit", "inherit", "inherit", "ipc"],
    });
    child.on("message", (message) => {
      plan = /** @type {import("./prepare-start").StartPlan} */ (message);
    });
    /** @param {NodeJS.Signals} signal */
    const forward = (signal) => child.kill(signal);
    process.on("SIGINT", forward).on("SIGTERM", forward);
    child.on("exit", (code) => {
      process.off("SIGINT", forward).off("SIGTERM", forward);
      // Otherwise the child has said why it failed: stop with its code.
      if (plan && code === 0) resolve(plan);
      else process.exit(code || 1);
    });
  });
}

const plan = await prepare();
// The banner is for the person who ran npm start, not a log line: printed with the console as it
// was before the server sends the console's output into its log (scripts/serve.ts).
const say = console.log.bind(console);
const complain = console.error.bind(console);
// The server announces nothing itself: the banner below says where it is and how to sign in.
process.env.MERIDIAN_SUPERVISED = "1";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
await import(pathToFileURL(path.resolve(SERVER_BUNDLE)).href);
try {
  await waitForPort(plan.port);
  say(plan.banner.join("\n"));
} catch (error) {
  complain(`Error: ${/** @type {Error} */ (error).message}`);
  process.exit(1);
}
