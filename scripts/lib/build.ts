import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// `npm start` builds only when the sources changed since the last build: the build directory
// keeps a hash of every input that shapes it.

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

export function sourceHash(root = process.cwd()): string {
  const hash = createHash("sha256");
  const files = [
    ...INPUT_DIRS.flatMap((dir) => listFiles(path.join(root, dir))),
    ...INPUT_FILES.map((file) => path.join(root, file)).filter((file) => fs.existsSync(file)),
  ].sort();
  for (const file of files) {
    hash.update(path.relative(root, file));
    hash.update("\0");
    hash.update(fs.readFileSync(file));
  }
  return hash.digest("hex");
}

const stampFile = (root: string) => path.join(root, ".next", "source-hash");

export function isBuildCurrent(root = process.cwd()): boolean {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) return false;
  try {
    return fs.readFileSync(stampFile(root), "utf8").trim() === sourceHash(root);
  } catch {
    return false;
  }
}

/** Runs `next build` and records the source hash; resolves false if the build failed. */
export async function buildApp(root = process.cwd()): Promise<boolean> {
  const hash = sourceHash(root);
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    child.on("exit", (exitCode) => resolve(exitCode ?? 1));
  });
  if (code !== 0) return false;
  fs.writeFileSync(stampFile(root), `${hash}\n`);
  return true;
}
