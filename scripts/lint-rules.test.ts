import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The layer rules of eslint.config.mjs are only worth having if they fail: each case lints a
// small snippet at a made-up path with the project's own configuration and expects the rule that
// must catch it (or, for allowed imports, no layer rule at all).

const root = path.resolve(import.meta.dirname, "..");
const layerRules = new Set(["no-restricted-imports", "meridian/no-server-import-in-client"]);

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, "eslint.config.mjs") });
});

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.severity === 2 && layerRules.has(m.ruleId ?? "")).map((m) => m.ruleId!);
}

const restricted = "no-restricted-imports";
const client = "meridian/no-server-import-in-client";
const useClient = '"use client";\n';

describe("layer lint rules", () => {
  it.each([
    ["a page importing the database client", "app/(site)/page.tsx", 'import { getDb } from "@/db/client";\ngetDb();\n', restricted],
    ["a page importing drizzle-orm", "app/(site)/page.tsx", 'import { eq } from "drizzle-orm";\neq;\n', restricted],
    ["a component reaching db/ by a relative path", "components/site/card.tsx", 'import { stories } from "../../db/schema";\nstories;\n', restricted],
    ["a route handler importing a db type", "app/api/x/route.ts", 'import type { Db } from "@/db/client";\nexport type X = Db;\n', restricted],
    ["db/ importing lib/ by alias", "db/new-table.ts", 'import { env } from "@/lib/env";\nenv();\n', restricted],
    ["db/ importing lib/ by a relative path", "db/new-table.ts", 'import { paragraph } from "../lib/stories/document";\nparagraph;\n', restricted],
    ["a domain module importing the action layer", "lib/auth/new-rule.ts", 'import { formAction } from "@/lib/actions/form-action";\nformAction;\n', restricted],
    ["a domain module importing a page's actions", "lib/stories/new-rule.ts", 'import { x } from "@/app/editor/(newsroom)/people/actions";\nx;\n', restricted],
    ["a client component importing a query module", "components/site/widget.tsx", `${useClient}import { getStory } from "@/lib/stories/queries";\ngetStory;\n`, client],
    ["a client component importing commands", "app/editor/widget.tsx", `${useClient}import { saveStory } from "@/lib/stories/commands";\nsaveStory;\n`, client],
    ["a client component importing a Node built-in", "components/editor/widget.tsx", `${useClient}import fs from "node:fs";\nfs;\n`, client],
    ["a client component importing server-only", "components/editor/widget.tsx", `${useClient}import "server-only";\n`, client],
    ["a client component importing a module marked server-only", "components/editor/widget.tsx", `${useClient}import { formAction } from "@/lib/actions/form-action";\nformAction;\n`, client],
    ["a client component importing the database in lib", "components/editor/widget.tsx", `${useClient}import { getDb } from "@/lib/db";\ngetDb;\n`, client],
    ["an end-to-end spec taking Playwright's own test", "e2e/new.spec.ts", 'import { test } from "@playwright/test";\ntest("x", () => {});\n', restricted],
  ])("refuses %s", async (_, file, code, rule) => {
    expect(await layerErrors(file, code)).toContain(rule);
  });

  it.each([
    ["a page calling a domain query", "app/(site)/page.tsx", 'import { getStory } from "@/lib/stories/queries";\ngetStory;\n'],
    ["a page reading ids through lib/", "app/(site)/page.tsx", 'import { isIdText } from "@/lib/validation/ids";\nisIdText;\n'],
    ["a domain module using the database", "lib/stories/new-query.ts", 'import { getDb } from "@/lib/db";\nimport { stories } from "@/db/schema";\ngetDb;\nstories;\n'],
    ["db/ importing db/", "db/new-table.ts", 'import { users } from "./schema";\nusers;\n'],
    ["a client component importing a type from a query module", "components/editor/widget.tsx", `${useClient}import type { StoryStatus } from "@/lib/stories/editor-queries";\nexport type S = StoryStatus;\n`],
    ["an end-to-end spec taking the watched test", "e2e/new.spec.ts", 'import { test } from "./fixtures/test";\ntest("x", () => {});\n'],
    ["a client component importing a plain helper", "components/editor/widget.tsx", `${useClient}import { slugify } from "@/lib/format/slug";\nslugify;\n`],
  ])("allows %s", async (_, file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});

describe("component size rule", () => {
  const componentOf = (lines: number) =>
    `export function Big() {\n${Array.from({ length: lines }, (_, i) => `  const v${i} = ${i};`).join("\n")}\n  return v0;\n}\n`;
  const sizeErrors = async (file: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    return (result?.messages ?? []).filter((m) => m.ruleId === "max-lines-per-function");
  };

  it.each(["components/site/big.tsx", "components/editor/big-controller.ts", "app/(site)/big/page.tsx"])(
    "refuses a function over 80 lines in %s",
    async (file) => {
      expect(await sizeErrors(file, componentOf(90))).toHaveLength(1);
    },
  );

  it("allows a function of 80 lines, and longer functions in domain code", async () => {
    expect(await sizeErrors("components/site/small.tsx", componentOf(70))).toEqual([]);
    expect(await sizeErrors("lib/stories/long-query.ts", componentOf(90))).toEqual([]);
  });
});
