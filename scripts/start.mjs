// @ts-check
// npm start – builds if the sources changed, migrates, seeds an empty database, then serves.
// This process only supervises, on bare node: the preparing runs in a child that exits
// (scripts/prepare-start.ts, through tsx), taking the database it opened with it, and the server
// is the compiled bundle (scripts/lib/server.mjs). What stays resident is this process and the
// server (measured by `npm run measure:memory`).
import { spawn } from "node:child_process";
import { startAppServer, waitForPort } from "./lib/server.mjs";

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
    // The child has said why it failed; stop with its code.
    child.on("exit", (code) => (plan && code === 0 ? resolve(plan) : process.exit(code || 1)));
    for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) process.once(signal, () => child.kill(signal));
  });
}

const plan = await prepare();
process.removeAllListeners("SIGINT").removeAllListeners("SIGTERM");
const server = startAppServer({ port: plan.port });
server.on("exit", (code) => process.exit(code ?? 1));
try {
  await waitForPort(plan.port);
  console.log(plan.banner.join("\n"));
} catch (error) {
  console.error(`Error: ${/** @type {Error} */ (error).message}`);
  process.exit(1);
}
