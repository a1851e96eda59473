// @ts-check
// npm's postinstall: fixes in installed packages that their maintainers have not released yet.
// Each patch names the text it expects and fails the install when that text is gone (a new
// version changed it: look again whether the patch is still needed). A patched file is written
// as a new file, never through the old one: node_modules may be hard-linked with another copy.
//
// postgres (postgres-js) 3.4.x, src/connection.js: a connection that closes while a small write
// waits for setImmediate keeps `nextWriteTimer` set (cleared, never reset) and the bytes in
// `chunk`. Reconnected, its startup message is appended to those bytes and never scheduled, so
// it waits for connect_timeout and fails (service came back 12 s after the database did in the
// fault test, scripts/fault-test.ts); and a write scheduled after the socket is gone throws
// "Cannot read properties of null (reading 'write')" from setImmediate, out of every try/catch
// (porsager/postgres issues 1066, 1154, 1208).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const MARK = "/* meridian: patched */";

/**
 * postgres-js's connection.js with the write state reset when the connection closes or is
 * terminated, and no write to a socket that is gone. Throws when the expected text is missing.
 * @param {string} source
 * @returns {string}
 */
export function patchPostgresConnection(source) {
  if (source.includes(MARK)) return source;
  const guard = "const x = socket.write(chunk, fn)";
  const reset = /^([ \t]*)clearImmediate\(nextWriteTimer\)\n/gm;
  const resets = source.match(reset)?.length ?? 0;
  if (!source.includes(guard) || resets !== 2) {
    throw new Error("postgres's connection.js is not the text this patch expects: check whether the new version still needs it (scripts/patch-dependencies.mjs)");
  }
  return `${MARK}\n${source}`
    .replace(guard, `if (!socket) return (chunk = nextWriteTimer = null, false)\n    ${guard}`)
    .replace(reset, "$1clearImmediate(nextWriteTimer)\n$1nextWriteTimer = chunk = null\n");
}

/** The copies of connection.js postgres ships: ES module, CommonJS and Cloudflare. */
export const POSTGRES_CONNECTION_FILES = ["src/connection.js", "cjs/src/connection.js", "cf/src/connection.js"];

/** @param {string} root the project directory */
export function patchInstalledPostgres(root) {
  for (const relative of POSTGRES_CONNECTION_FILES) {
    const file = path.join(root, "node_modules/postgres", relative);
    if (!fs.existsSync(file)) continue;
    const source = fs.readFileSync(file, "utf8");
    const patched = patchPostgresConnection(source);
    if (patched === source) continue;
    fs.rmSync(file);
    fs.writeFileSync(file, patched);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  patchInstalledPostgres(path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."));
}
