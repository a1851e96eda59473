import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";
import clientBoundary from "./eslint/client-boundary.mjs";

// The layers of DESIGN.md ("Layout"), enforced: app/ and components/ reach data through lib/,
// lib/ domains do not call the action layer, db/ imports nothing above it, and a client component
// imports no server module. scripts/lint-rules.test.ts proves each rule fails on a violation.
const dataLayer = [
  { group: ["@/db", "@/db/*"], message: "Pages and components reach data through lib/ (DESIGN.md, \"Layout\")." },
  { regex: "^(\\.\\./)+db(/|$)", message: "Pages and components reach data through lib/ (DESIGN.md, \"Layout\")." },
  { group: ["drizzle-orm", "drizzle-orm/*"], message: "SQL lives in lib/<domain> queries and commands, not in pages or components." },
];

const config = [
  { ignores: [".next/**", "bench/floor/.next/**", "node_modules/**", "data/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
    },
  },
  {
    // Request data reaches error messages: the application logs through lib/log.ts, which keeps
    // every entry on one line with control characters escaped.
    files: ["app/**", "lib/**", "components/**"],
    ignores: ["lib/log.ts", "**/*.test.ts", "**/*.test.tsx"],
    rules: { "no-console": "error" },
  },
  {
    files: ["app/**", "components/**"],
    rules: { "no-restricted-imports": ["error", { patterns: dataLayer }] },
  },
  {
    // The test harness in lib/boundary drives actions and route handlers on purpose.
    files: ["lib/**"],
    ignores: ["lib/actions/**", "lib/boundary/**", "**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app/*", "@/components/*", "@/lib/actions/*"],
              message: "Domain code does not import the action layer or the UI: actions and pages call the domain.",
            },
            { regex: "^(\\.\\./)+(app|components|actions)(/|$)", message: "Domain code does not import the action layer or the UI." },
          ],
        },
      ],
    },
  },
  {
    files: ["db/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib", "@/lib/*", "@/app/*", "@/components/*"], message: "db/ is the ground floor: it imports nothing from lib/ (pass configuration in)." },
            { regex: "^(\\.\\./)+(lib|app|components)(/|$)", message: "db/ is the ground floor: it imports nothing from lib/ (pass configuration in)." },
          ],
        },
      ],
    },
  },
  {
    // A component or page a person can hold in their head: state and protocol go into a hook or a
    // plain controller (tested by Vitest without a browser); what is left renders.
    files: ["app/**/*.tsx", "components/**/*.tsx", "components/**/*.ts"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: { "max-lines-per-function": ["error", { max: 80 }] },
  },
  {
    // Every end-to-end test watches its pages for Content-Security-Policy violations: specs take
    // `test` from e2e/fixtures/test.ts (or a fixture built on it), never Playwright's own.
    files: ["e2e/**/*.ts"],
    ignores: ["e2e/fixtures/test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@playwright/test",
              importNames: ["test"],
              message: "Take test from e2e/fixtures/test.ts: it fails a test on any Content-Security-Policy violation.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**", "components/**", "lib/**"],
    plugins: { meridian: clientBoundary },
    rules: { "meridian/no-server-import-in-client": "error" },
  },
];

export default config;
