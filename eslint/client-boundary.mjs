import fs from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";

// A client component ("use client") is sent to the browser with everything it imports. An import
// of the database, a query or command, or a Node built-in would either break the build or, worse,
// ship server code to readers. ESLint's file globs cannot tell a client component from a server
// one, so this rule reads the directive itself, and it also refuses any local module that marks
// itself `import "server-only"`. Type-only imports are erased at build time and stay allowed.

const builtins = new Set(builtinModules);
const extensions = [".ts", ".tsx", ".js", ".mjs", ".cjs", ".jsx"];

/** Why `source` is a server module, judged by its name alone, or null. */
function serverByName(source) {
  if (source === "server-only") return "it is marked server-only";
  if (source.startsWith("node:") || builtins.has(source.split("/")[0])) return "it is a Node built-in";
  if (/^(drizzle-orm|postgres|@electric-sql\/pglite|sharp|@node-rs\/argon2)(\/|$)/.test(source)) return "it is a database or server library";
  if (/^@\/db(\/|$)/.test(source) || /^(\.\.?\/)+db(\/|$)/.test(source)) return "db/ is the database layer";
  if (source === "@/lib/db" || source === "@/lib/env") return "it reads the server's configuration";
  if (/^@\/lib\/.*(^|[-/])(queries|commands)$/.test(source)) return "domain queries and commands run on the server";
  return null;
}

/** The file a local import names, or null for a package. */
function resolveLocal(source, fromFile, root) {
  let base;
  if (source.startsWith("@/")) base = path.join(root, source.slice(2));
  else if (source.startsWith(".")) base = path.resolve(path.dirname(fromFile), source);
  else return null;
  const candidates = [base, ...extensions.map((ext) => base + ext), ...extensions.map((ext) => path.join(base, `index${ext}`))];
  return candidates.find((file) => fs.existsSync(file) && fs.statSync(file).isFile()) ?? null;
}

function marksItselfServerOnly(file) {
  return /^\s*import\s+["']server-only["']/m.test(fs.readFileSync(file, "utf8"));
}

function isTypeOnly(node) {
  if (node.importKind === "type" || node.exportKind === "type") return true;
  const specifiers = node.specifiers ?? [];
  return specifiers.length > 0 && specifiers.every((s) => s.importKind === "type" || s.exportKind === "type");
}

const noServerImportInClient = {
  meta: {
    type: "problem",
    docs: { description: "A \"use client\" module imports no server module" },
    schema: [],
    messages: { serverImport: "A client component cannot import \"{{source}}\": {{why}}. Pass the data in from a server component or call a server action." },
  },
  create(context) {
    const isClient = context.sourceCode.ast.body.some((node) => node.type === "ExpressionStatement" && node.directive === "use client");
    if (!isClient) return {};
    const check = (node) => {
      if (!node.source || typeof node.source.value !== "string" || isTypeOnly(node)) return;
      const source = node.source.value;
      let why = serverByName(source);
      if (!why) {
        const file = resolveLocal(source, context.filename, context.cwd);
        if (file && marksItselfServerOnly(file)) why = "it is marked server-only";
      }
      if (why) context.report({ node: node.source, messageId: "serverImport", data: { source, why } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

const plugin = { rules: { "no-server-import-in-client": noServerImportInClient } };

export default plugin;
