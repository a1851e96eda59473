import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, formatEnvError, isLocalUrl, parseEnv, seedsDemoStories } from "./env";

describe("parseEnv", () => {
  it("fills defaults for an empty environment", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      siteName: "The Meridian",
      siteUrl: "http://localhost:3000",
      port: 3000,
      timeZone: "UTC",
      siteLanguage: "en",
      databaseUrl: undefined,
    });
    expect(env.dataDir).toBe(path.resolve("data"));
  });

  it("reads every setting", () => {
    const env = parseEnv({
      SITE_NAME: "Harbor Times",
      SITE_URL: "https://news.example.org/",
      PORT: "8080",
      DATA_DIR: "/tmp/meridian",
      SITE_TIMEZONE: "America/New_York",
      SITE_LANGUAGE: "en-GB",
      DATABASE_URL: "postgres://user@db.internal:5432/news",
      REDIS_URL: "redis://127.0.0.1:6379/2",
    });
    expect(env).toMatchObject({
      siteName: "Harbor Times",
      siteUrl: "https://news.example.org",
      port: 8080,
      dataDir: "/tmp/meridian",
      timeZone: "America/New_York",
      siteLanguage: "en-gb",
      databaseUrl: "postgres://user@db.internal:5432/news",
      redisUrl: "redis://127.0.0.1:6379/2",
    });
  });

  it("reads the replicas of a PostgreSQL server, and refuses them without one", () => {
    const urls = "postgres://reader@10.0.0.2/news, postgresql://reader@10.0.0.3:5433/news";
    expect(parseEnv({ DATABASE_URL: "postgres://user@db.internal/news", DATABASE_REPLICA_URLS: urls }).databaseReplicaUrls).toEqual([
      "postgres://reader@10.0.0.2/news",
      "postgresql://reader@10.0.0.3:5433/news",
    ]);
    expect(parseEnv({ DATABASE_URL: "postgres://user@db.internal/news" }).databaseReplicaUrls).toEqual([]);
    expect(() => parseEnv({ DATABASE_REPLICA_URLS: "postgres://reader@10.0.0.2/news" })).toThrow(/DATABASE_REPLICA_URLS needs DATABASE_URL/);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", SITE_NAME: "" }).databaseUrl).toBeUndefined();
  });

  it.each([
    ["DATABASE_URL", "mysql://localhost/news"],
    ["DATABASE_URL", "not a url"],
    ["REDIS_URL", "127.0.0.1:6379"],
    ["REDIS_URL", "http://127.0.0.1:6379"],
    ["DATABASE_REPLICA_URLS", "postgres://reader@10.0.0.2/news,mysql://reader@10.0.0.3/news"],
    ["SITE_URL", "news.example.org"],
    ["SITE_URL", "ftp://news.example.org"],
    ["PORT", "eighty"],
    ["PORT", "70000"],
    ["SITE_TIMEZONE", "Mars/Olympus"],
    ["SITE_LANGUAGE", "English"],
    ["DEMO_CONTENT", "yes"],
    ["AUTH_SECRET", "too-short"],
    ["INSTANCE_ID", "web 1"],
  ])("refuses %s=%s with a message naming the variable", (variable, value) => {
    let caught: unknown;
    try {
      parseEnv({ [variable]: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvError);
    const line = formatEnvError(caught as EnvError);
    expect(line).toContain(variable);
    expect(line).toContain(value);
    expect(line.split("\n")).toHaveLength(1);
  });
});

describe("object storage (S3_*)", () => {
  const bucket = { S3_ENDPOINT: "http://127.0.0.1:9000/", S3_BUCKET: "news-media", S3_ACCESS_KEY_ID: "key", S3_SECRET_ACCESS_KEY: "secret" };

  it("is local disk without S3_BUCKET", () => {
    expect(parseEnv({}).objectStorage).toBeUndefined();
  });

  it("reads the bucket, with us-east-1 and path-style addresses by default for an S3-compatible endpoint", () => {
    expect(parseEnv(bucket).objectStorage).toEqual({
      endpoint: "http://127.0.0.1:9000",
      bucket: "news-media",
      region: "us-east-1",
      credentials: { accessKeyId: "key", secretAccessKey: "secret" },
      forcePathStyle: true,
      publicBaseUrl: undefined,
    });
    const aws = parseEnv({ S3_BUCKET: "news-media", S3_REGION: "eu-west-1", S3_PUBLIC_BASE_URL: "https://media.example.org/" }).objectStorage;
    expect(aws).toMatchObject({ endpoint: undefined, region: "eu-west-1", credentials: undefined, forcePathStyle: false, publicBaseUrl: "https://media.example.org" });
    expect(parseEnv({ ...bucket, S3_FORCE_PATH_STYLE: "0" }).objectStorage?.forcePathStyle).toBe(false);
  });

  it.each([
    [{ S3_ENDPOINT: "http://127.0.0.1:9000" }, "S3_BUCKET", "must be set with S3_ENDPOINT"],
    [{ S3_BUCKET: "news-media", S3_ACCESS_KEY_ID: "key" }, "S3_SECRET_ACCESS_KEY", "other half"],
    [{ S3_BUCKET: "News_Media" }, "S3_BUCKET", "bucket name"],
    [{ S3_BUCKET: "news-media", S3_PUBLIC_BASE_URL: "media.example.org" }, "S3_PUBLIC_BASE_URL", "absolute"],
    [{ S3_BUCKET: "news-media", S3_FORCE_PATH_STYLE: "maybe" }, "S3_FORCE_PATH_STYLE", "1 or 0"],
  ])("refuses %o naming %s", (source, variable, problem) => {
    let caught: unknown;
    try {
      parseEnv(source);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvError);
    expect(formatEnvError(caught as EnvError)).toContain(variable);
    expect(formatEnvError(caught as EnvError)).toContain(problem);
  });
});

describe("isLocalUrl: only a loopback address is a local site", () => {
  it.each([
    ["http://localhost:3000", true],
    ["http://localhost", true],
    ["https://LOCALHOST:8443/", true],
    ["http://localhost.:3000", true],
    ["http://news.localhost:3000", false],
    ["http://127.0.0.1:3100", true],
    ["http://127.8.9.10", true],
    ["http://2130706433/", true],
    ["http://0x7f.1/", true],
    ["http://[::1]:3000", true],
    ["http://[0:0:0:0:0:0:0:1]/", true],
    ["https://news.example.org", false],
    ["http://news.example.org:3000", false],
    ["http://localhost.example.org", false],
    ["http://127.0.0.1.nip.io", false],
    ["http://myhost-localhost.org", false],
    ["http://10.0.0.5:3000", false],
    ["http://192.168.1.20", false],
    ["http://0.0.0.0:3000", false],
    ["http://[::]:3000", false],
    ["http://[fe80::1]/", false],
    ["http://128.0.0.1", false],
    ["not a url", false],
  ])("%s → %s", (url, local) => {
    expect(isLocalUrl(url)).toBe(local);
  });

  it("is what an unset SITE_URL gives", () => {
    const env = parseEnv({ PORT: "3200" });
    expect(isLocalUrl(env.siteUrl)).toBe(true);
    expect(env.siteIsLocal).toBe(true);
    expect(parseEnv({ SITE_URL: "https://news.example.org" }).siteIsLocal).toBe(false);
  });
});

describe("DEMO_CONTENT", () => {
  it.each([
    [undefined, "auto"],
    ["", "auto"],
    ["1", "always"],
    ["0", "never"],
  ])("%j → %s", (value, expected) => {
    expect(parseEnv({ DEMO_CONTENT: value }).demoContent).toBe(expected);
  });
});

describe("seedsDemoStories: the demo edition's stories, and the footer's note on them", () => {
  it.each([
    [{}, true],
    [{ DEMO_CONTENT: "0" }, false],
    [{ SITE_URL: "https://news.example.org" }, false],
    [{ SITE_URL: "https://news.example.org", DEMO_CONTENT: "1" }, true],
    [{ SITE_URL: "https://news.example.org", DEMO_CONTENT: "0" }, false],
  ])("%j → %s", (variables, seeds) => {
    expect(seedsDemoStories(parseEnv({ PORT: "3200", ...variables }))).toBe(seeds);
  });
});
