import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { SERVER_BUNDLE } from "./server.mjs";

// `npm start` builds only when the sources changed since the last build: the build directory
// keeps a hash of every input that shapes it. The build is Next's, then the server's own bundle
// (SERVER_BUNDLE: scripts/serve.ts and the modules it imports outside Next's build), which also
// depends on scripts/ and is remade alone, in a second or two, when only those changed.

const INPUT_DIRS = ["app", "components", "lib", "db", "public"];
const INPUT_FILES = ["next.config.js", "package-lock.json", "tsconfig.json", "package.json"];
const IGNORED_DIRS = new Set(["node_modules", ".next", "migrations"]);

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return IGNORED_DIRS.has(entry.name) ? [] : listFiles(full);
    return entry.isFile() ? [full] : [];
  });
}

function sourceHash(root: string, dirs: string[]): string {
  const hash = createHash("sha256");
  const files = [
    ...dirs.flatMap((dir) => listFiles(path.join(root, dir))),
    ...INPUT_FILES.map((file) => path.join(root, file)).filter((file) => fs.existsSync(file)),
  ].sort();
  for (const file of files) {
    hash.update(path.relative(root, file));
    hash.update("\0");
    hash.update(fs.readFileSync(file));
  }
  return hash.digest("hex");
}

const nextStamp = (root: string) => path.join(root, ".next", "source-hash");
const serverStamp = (root: string) => path.join(root, path.dirname(SERVER_BUNDLE), "source-hash");
const nextHash = (root: string) => sourceHash(root, INPUT_DIRS);
const serverHash = (root: string) => sourceHash(root, [...INPUT_DIRS, "scripts"]);

function stampMatches(file: string, hash: string): boolean {
  try {
    return fs.readFileSync(file, "utf8").trim() === hash;
  } catch {
    return false;
  }
}

const isNextBuildCurrent = (root: string) =>
  fs.existsSync(path.join(root, ".next", "BUILD_ID")) && stampMatches(nextStamp(root), nextHash(root));
const isServerBundleCurrent = (root: string) =>
  fs.existsSync(path.join(root, SERVER_BUNDLE)) && stampMatches(serverStamp(root), serverHash(root));

export function isBuildCurrent(root = process.cwd()): boolean {
  return isNextBuildCurrent(root) && isServerBundleCurrent(root);
}

async function nextBuild(root: string): Promise<boolean> {
  const hash = nextHash(root);
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    child.on("exit", (exitCode) => resolve(exitCode ?? 1));
  });
  if (code !== 0) return false;
  fs.writeFileSync(nextStamp(root), `${hash}\n`);
  return true;
}

/**
 * Compiles the server to one ES module. Packages stay imports from node_modules (PGlite's
 * WebAssembly, postgres, sharp and next must be loaded from there, and Next's own build uses
 * the same copies); the project's TypeScript (`@/…`) is bundled in.
 */
async function bundleServer(root: string): Promise<void> {
  const hash = serverHash(root);
  await build({
    absWorkingDir: root,
    entryPoints: ["scripts/serve.ts"],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: "tsconfig.json",
    logLevel: "warning",
    legalComments: "none",
  });
  fs.writeFileSync(serverStamp(root), `${hash}\n`);
}

/** Runs `next build` if its sources changed, then bundles the server; resolves false if a build failed. */
export async function buildApp(root = process.cwd()): Promise<boolean> {
  if (!isNextBuildCurrent(root) && !(await nextBuild(root))) return false;
  try {
    await bundleServer(root);
    return true;
  } catch (error) {
    console.error(`The server bundle failed: ${(error as Error).message}`);
    return false;
  }
}
