import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres } from "./client";
import { runMigrations } from "./migrate";

// Vitest's global setup (vitest.config.ts), once per project and run: migrates one database and
// hands its name to every test file (db/testing.ts copies it). A file then starts from a copy in
// well under a second instead of initdb and 19 migrations (3–5 s on PGlite). The migrations still
// run on both databases every run, here.

declare module "vitest" {
  export interface ProvidedContext {
    /** A dumped, migrated PGlite data directory (a tar file), for the "pglite" project. */
    pgliteTemplate: string;
    /** A migrated database on the TEST_DATABASE_URL server, for the "postgres" project. */
    postgresTemplate: string;
  }
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set");
  return url;
}

const unique = () => `${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;

async function pgliteTemplate(project: TestProject): Promise<() => Promise<void>> {
  const handle = openPglite("memory");
  await runMigrations(handle);
  const dump = await (handle.db as unknown as { $client: PGlite }).$client.dumpDataDir("none");
  await handle.close();
  const file = path.join(os.tmpdir(), `meridian-pglite-template-${unique()}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", file);
  return async () => fs.rmSync(file, { force: true });
}

async function postgresTemplate(project: TestProject): Promise<() => Promise<void>> {
  const name = `meridian_template_${unique()}`;
  const admin = postgres(testServerUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const handle = openPostgres(withDatabase(testServerUrl(), name), { max: 1 });
  await runMigrations(handle);
  // No session may stay connected to a template while databases are copied from it.
  await handle.close();
  project.provide("postgresTemplate", name);
  return async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  return project.config.env?.TEST_DB_DRIVER === "postgres" ? postgresTemplate(project) : pgliteTemplate(project);
}
