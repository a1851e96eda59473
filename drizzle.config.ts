import { defineConfig } from "drizzle-kit";

// Migrations are generated from db/schema.ts and committed; they run on start (scripts/start.ts)
// and with `npm run db:migrate`. Generating needs no database.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  casing: "snake_case",
});
