import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, isBuildCurrent } from "./lib/build";
import { processTree } from "./lib/process-memory";
import { SERVER_ENV, SERVER_NODE_FLAGS } from "./lib/server.mjs";

// `npm start` (scripts/start.mjs): the database is prepared in a child that exits, and what stays
// is one process on bare node running the compiled server — no tsx, no second copy of the database.

const run = promisify(execFile);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-start-"));
const env = (extra: Record<string, string>) => ({
  ...process.env,
  DATABASE_URL: "",
  DATA_DIR: dataDir,
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  ...extra,
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("npm start", () => {
  it("runs the server with the same node flags and malloc settings as the servers the tests and the benchmark start", () => {
    const { scripts } = JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
    const settings = Object.entries(SERVER_ENV).map(([name, value]) => `${name}=${value}`);
    // exec: the shell npm runs the script in becomes node, rather than waiting beside it.
    expect(scripts.start).toBe([...settings, "exec", "node", ...SERVER_NODE_FLAGS, "scripts/start.mjs"].join(" "));
  });

  it("stops with the preparing child's one clear line and its exit code", async () => {
    const result = await run(process.execPath, ["scripts/start.mjs"], { env: env({ PORT: "http" }), timeout: 30_000 }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringContaining("PORT must be a port number")]);
  });

  describe("once serving", () => {
    // The first run on a fresh clone builds the application here (Playwright reuses the build).
    beforeAll(async () => {
      if (!isBuildCurrent()) expect(await buildApp()).toBe(true);
    }, 15 * 60_000);

    it("keeps one process: the compiled server, without the database it prepared", async () => {
      const port = await freePort();
      const start = spawn(process.execPath, [...SERVER_NODE_FLAGS, "scripts/start.mjs"], {
        env: env({ ...SERVER_ENV, PORT: String(port), SITE_URL: `http://127.0.0.1:${port}` }),
        stdio: ["ignore", "pipe", "inherit"],
      });
      try {
        let output = "";
        await new Promise<void>((resolve, reject) => {
          start.stdout.on("data", (chunk: Buffer) => {
            output += chunk.toString();
            if (output.includes("is running at")) resolve();
          });
          start.once("exit", (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
        });
        expect(output).toContain("Seeded the demo edition");
        expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);

        // The preparing child (tsx, the seeded database) has exited; this process is the server.
        const tree = processTree(start.pid!);
        expect(tree.map((entry) => entry.command)).toEqual([[process.execPath, ...SERVER_NODE_FLAGS, "scripts/start.mjs"].join(" ")]);
        // The parent that prepared in-process kept ~1 GB, and the server as its child ~500 MB more;
        // now ~250 MB once started.
        expect(tree[0]!.rssMb).toBeLessThan(400);
      } finally {
        if (start.exitCode === null) {
          start.kill("SIGTERM");
          await new Promise((resolve) => start.once("exit", resolve));
        }
      }
    }, 180_000);
  });
});
