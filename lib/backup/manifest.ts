import { z } from "zod";

// The manifest, the archive's last entry (manifest.json): what it holds and how to check it. A
// restore reads it first (a pass over the archive), checks every entry against it, and compares
// the row counts it loaded with it.

export const MANIFEST_NAME = "manifest.json";
export const FORMAT = "meridian-backup";

const fileSchema = z.object({ bytes: z.number().int().min(0), sha256: z.string().regex(/^[a-f0-9]{64}$/) });

const manifestSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  source: z.object({
    /** The database the rows came from. */
    kind: z.enum(["pglite", "postgres"]),
    /** "server": the running server made it (its embedded database); "direct": the command did. */
    via: z.enum(["server", "direct"]),
  }),
  /** Migrations applied to the source, by drizzle's hash, in order; `last` is the newest's name. */
  schema: z.object({ migrations: z.array(z.string()), last: z.string().nullable() }),
  /** In load order; each table's rows are in `files`, COPY text format, in that order. */
  tables: z.array(z.object({ name: z.string(), columns: z.array(z.string()), rows: z.number().int().min(0), files: z.array(z.string()) })),
  sequences: z.array(z.object({ name: z.string(), value: z.string().nullable() })),
  uploads: z.object({ count: z.number().int().min(0), bytes: z.number().int().min(0), missing: z.array(z.string()) }),
  /** Every entry before the manifest, by name, in the archive's order. */
  files: z.record(z.string(), fileSchema),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** The archive is not one this can restore: damaged, cut short, or not a backup at all. */
export class BackupArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupArchiveError";
  }
}

export function parseManifest(data: Buffer): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(data.toString("utf8"));
  } catch {
    throw new BackupArchiveError("its manifest is not valid JSON");
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new BackupArchiveError(`its manifest is not one this version reads (${parsed.error.issues[0]?.path.join(".") || "format"})`);
  return parsed.data;
}

export const tableFile = (table: string, part: number) => `database/${table}/${String(part).padStart(5, "0")}.copy`;
export const uploadFile = (key: string) => `uploads/${key}`;
