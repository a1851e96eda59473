import path from "node:path";
import { z } from "zod";

// Every setting the application reads, validated once. A bad value stops the process with one
// line naming the variable (see formatEnvError), never a stack trace.

const optional = (schema: z.ZodType<string>) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const envSchema = z.object({
  SITE_NAME: optional(z.string().trim().min(1).max(80)),
  SITE_DESCRIPTION: optional(z.string().trim().min(1).max(300)),
  SITE_URL: optional(
    z
      .string()
      .url("must be an absolute http(s) URL such as https://news.example.org")
      .refine((value) => /^https?:\/\//.test(value), "must start with http:// or https://"),
  ),
  SITE_LANGUAGE: optional(
    z.string().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/i, "must be a language code such as en or en-GB"),
  ),
  SITE_TIMEZONE: optional(
    z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/London or UTC"),
  ),
  PORT: optional(z.string().regex(/^\d{1,5}$/, "must be a port number between 1 and 65535")).refine(
    (value) => value === undefined || (Number(value) >= 1 && Number(value) <= 65535),
    "must be a port number between 1 and 65535",
  ),
  DATA_DIR: optional(z.string()),
  KEYS_FILE: optional(z.string()),
  TRUST_PROXY: optional(
    z.string().regex(/^([0-9]|10)$/, "must be the number of proxies in front of the server, 0 to 10"),
  ),
  ADMIN_EMAIL: optional(z.string().trim().email("must be an e-mail address")),
  ADMIN_PASSWORD: optional(z.string().min(12, "must be at least 12 characters").max(200)),
  MEDIA_MAX_MB: optional(z.string().regex(/^\d{1,4}$/, "must be a whole number of megabytes")),
  COMMENTS_PER_ADDRESS_PER_MINUTE: optional(z.string().regex(/^[1-9]\d{0,5}$/, "must be a whole number from 1")),
  COMMENTS_PER_STORY_PER_MINUTE: optional(z.string().regex(/^[1-9]\d{0,5}$/, "must be a whole number from 1")),
  LIVE_ALLOW_HTTP: optional(z.enum(["0", "1"], { message: "must be 0 or 1" })),
  REQUIRE_2FA: optional(z.enum(["0", "1"], { message: "must be 0 or 1" })),
  DEMO_CONTENT: optional(
    z.enum(["0", "1"], { message: "must be 0 (never seed the demo edition) or 1 (seed its stories even on a public SITE_URL)" }),
  ),
  AUTH_SECRET: optional(z.string().min(32, "must be at least 32 characters")),
  METRICS_TOKEN: optional(z.string().regex(/^[\x21-\x7e]{24,200}$/, "must be 24 to 200 printable characters without spaces")),
  LOG_LEVEL: optional(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { message: "must be fatal, error, warn, info, debug, trace or silent" })),
  LOG_FORMAT: optional(z.enum(["json", "pretty"], { message: "must be json or pretty" })),
  // Read by the logger itself (lib/log.ts, instanceName), as LOG_LEVEL is: validated here.
  INSTANCE_ID: optional(z.string().regex(/^[\w.:@-]{1,64}$/, "must be 1 to 64 letters, digits and . _ : @ -")),
  DATABASE_URL: optional(
    z
      .string()
      .refine(
        (value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value) && URL.canParse(value),
        "must be a postgres:// or postgresql:// connection URL",
      ),
  ),
  REDIS_URL: optional(
    z
      .string()
      .refine(
        (value) => /^rediss?:\/\/[^\s]+$/.test(value) && URL.canParse(value),
        "must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379/0",
      ),
  ),
  S3_ENDPOINT: optional(z.string().url("must be the storage service's http(s) URL such as http://127.0.0.1:9000").refine((value) => /^https?:\/\//.test(value), "must start with http:// or https://")),
  S3_BUCKET: optional(z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens")),
  S3_REGION: optional(z.string().regex(/^[a-z0-9-]{2,40}$/, "must be a region name such as us-east-1")),
  S3_ACCESS_KEY_ID: optional(z.string().trim().min(1)),
  S3_SECRET_ACCESS_KEY: optional(z.string().min(1)),
  S3_FORCE_PATH_STYLE: optional(z.enum(["0", "1", "true", "false"], { message: "must be 1 or 0 (true or false)" })),
  S3_PUBLIC_BASE_URL: optional(z.string().url("must be an absolute http(s) URL").refine((value) => /^https?:\/\//.test(value), "must start with http:// or https://")),
  DATABASE_REPLICA_URLS: optional(
    z
      .string()
      .refine(
        (value) => value.split(",").every((url) => /^postgres(ql)?:\/\/[^\s]+$/.test(url.trim()) && URL.canParse(url.trim())),
        "must be postgres:// or postgresql:// connection URLs separated by commas",
      ),
  ),
});

/** Where uploads go when S3_BUCKET is set (lib/media/storage.ts); local disk otherwise. */
export interface ObjectStorageSettings {
  /** S3_ENDPOINT: an S3-compatible service; unset: Amazon S3 itself. */
  endpoint: string | undefined;
  bucket: string;
  region: string;
  /** Both or neither; neither: the SDK's own chain (AWS_* variables, an instance role). */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  forcePathStyle: boolean;
  /** S3_PUBLIC_BASE_URL without its trailing slash: pages name media there instead of /media/. */
  publicBaseUrl: string | undefined;
}

export interface Env {
  siteName: string;
  siteDescription: string;
  siteUrl: string;
  /** Whether SITE_URL is a loopback address: only such a site gets the demo accounts. */
  siteIsLocal: boolean;
  /** The language of the publication, as the news sitemap names it. */
  siteLanguage: string;
  timeZone: string;
  port: number;
  dataDir: string;
  /** The key file of a start without AUTH_SECRET (lib/auth/keys.ts); outside dataDir. */
  keysFile: string;
  databaseUrl: string | undefined;
  /** REDIS_URL: the page cache and its invalidation shared by every instance (lib/cache/redis-cache.ts). */
  redisUrl: string | undefined;
  /** Read replicas of the DATABASE_URL server (db/replicas.ts); none on the embedded database. */
  databaseReplicaUrls: string[];
  /** How many reverse proxies to believe in X-Forwarded-For (0: use the socket address). */
  trustProxy: number;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  authSecret: string | undefined;
  /** METRICS_TOKEN: the Bearer token GET /api/metrics asks for; without one it answers 404. */
  metricsToken: string | undefined;
  /** Largest upload accepted, in bytes. */
  mediaMaxBytes: number;
  /** Whether to seed the demo edition into an empty database: "auto" on a local site only. */
  demoContent: "auto" | "always" | "never";
  /** Whether live stream addresses may use plain http. */
  liveAllowHttp: boolean;
  /** Whether admins must turn on two-factor sign-in before anything else in the newsroom. */
  requireTwoFactor: boolean;
  /** Comment rate limits, per client address and per story, each per minute. */
  commentLimits: { perAddress: number; perStory: number };
  /** Object storage for uploads; undefined: DATA_DIR/uploads on local disk. */
  objectStorage: ObjectStorageSettings | undefined;
}

export class EnvError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`${variable} ${problem}`);
    this.name = "EnvError";
  }
}

/** Whether `value` is an IANA time zone this runtime knows ("Europe/London", "UTC"). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a URL names this machine only: localhost, 127.0.0.0/8 or [::1]. Anything else — a
 * public name, a LAN address, 0.0.0.0 — may be reached by others.
 */
/**
 * Whether this configuration seeds the demo edition's stories into an empty database (a local
 * site, unless DEMO_CONTENT=0; a public one only with DEMO_CONTENT=1): scripts/lib/prepare-database.ts
 * seeds by it, and the reading site's footer says demo content is fictional only then.
 */
export function seedsDemoStories(settings: Pick<Env, "siteIsLocal" | "demoContent">): boolean {
  return settings.demoContent === "always" || (settings.demoContent === "auto" && settings.siteIsLocal);
}

export function isLocalUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  // The URL parser lower-cases names and writes IPv4 addresses in any notation as dotted decimal.
  const host = new URL(url).hostname.replace(/\.$/, "");
  return host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = String(issue?.path[0] ?? "environment");
    const value = source[variable];
    const problem = issue?.message ?? "is invalid";
    throw new EnvError(variable, `${problem}${value === undefined ? "" : ` (got "${value}")`}`);
  }
  const data = result.data;
  if (data.DATABASE_REPLICA_URLS && !data.DATABASE_URL) {
    throw new EnvError("DATABASE_REPLICA_URLS", "needs DATABASE_URL: replicas are of a PostgreSQL server, not of the embedded database");
  }
  const port = Number(data.PORT ?? 3000);
  const siteUrl = (data.SITE_URL ?? `http://localhost:${port}`).replace(/\/+$/, "");
  return {
    siteName: data.SITE_NAME ?? "The Meridian",
    siteDescription:
      data.SITE_DESCRIPTION ??
      "Independent reporting on the U.S., the world, business, science, sports and culture.",
    siteUrl,
    siteIsLocal: isLocalUrl(siteUrl),
    siteLanguage: data.SITE_LANGUAGE?.toLowerCase() ?? "en",
    timeZone: data.SITE_TIMEZONE ?? "UTC",
    port,
    dataDir: path.resolve(/*turbopackIgnore: true*/ data.DATA_DIR ?? "data"),
    keysFile: path.resolve(/*turbopackIgnore: true*/ data.KEYS_FILE ?? ".meridian/keys.json"),
    databaseUrl: data.DATABASE_URL,
    redisUrl: data.REDIS_URL,
    databaseReplicaUrls: data.DATABASE_REPLICA_URLS?.split(",").map((url) => url.trim()) ?? [],
    trustProxy: Number(data.TRUST_PROXY ?? 0),
    adminEmail: data.ADMIN_EMAIL?.toLowerCase(),
    adminPassword: data.ADMIN_PASSWORD,
    authSecret: data.AUTH_SECRET,
    metricsToken: data.METRICS_TOKEN,
    mediaMaxBytes: Number(data.MEDIA_MAX_MB ?? 20) * 1024 * 1024,
    liveAllowHttp: data.LIVE_ALLOW_HTTP === "1",
    requireTwoFactor: data.REQUIRE_2FA === "1",
    demoContent: data.DEMO_CONTENT === "1" ? "always" : data.DEMO_CONTENT === "0" ? "never" : "auto",
    commentLimits: {
      perAddress: Number(data.COMMENTS_PER_ADDRESS_PER_MINUTE ?? 5),
      perStory: Number(data.COMMENTS_PER_STORY_PER_MINUTE ?? 30),
    },
    objectStorage: objectStorageOf(data),
  };
}

function objectStorageOf(data: z.output<typeof envSchema>): ObjectStorageSettings | undefined {
  const named = ["S3_ENDPOINT", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_PUBLIC_BASE_URL"] as const;
  if (!data.S3_BUCKET) {
    const stray = named.find((name) => data[name] !== undefined);
    if (stray) throw new EnvError("S3_BUCKET", `must be set with ${stray} (the bucket uploads go to)`);
    return undefined;
  }
  if ((data.S3_ACCESS_KEY_ID === undefined) !== (data.S3_SECRET_ACCESS_KEY === undefined)) {
    throw new EnvError(data.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID", "must be set with the other half of the key");
  }
  const pathStyle = data.S3_FORCE_PATH_STYLE;
  return {
    endpoint: data.S3_ENDPOINT?.replace(/\/+$/, ""),
    bucket: data.S3_BUCKET,
    region: data.S3_REGION ?? "us-east-1",
    credentials: data.S3_ACCESS_KEY_ID && data.S3_SECRET_ACCESS_KEY ? { accessKeyId: data.S3_ACCESS_KEY_ID, secretAccessKey: data.S3_SECRET_ACCESS_KEY } : undefined,
    // An S3-compatible server is usually reached by its address, not by a name per bucket.
    forcePathStyle: pathStyle === undefined ? data.S3_ENDPOINT !== undefined : pathStyle === "1" || pathStyle === "true",
    publicBaseUrl: data.S3_PUBLIC_BASE_URL?.replace(/\/+$/, ""),
  };
}

/** One line for a person reading a terminal. */
export function formatEnvError(error: EnvError): string {
  return `Configuration error: ${error.variable} ${error.problem}. See .env.example.`;
}

let cached: Env | undefined;

/** The validated environment of this process. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
