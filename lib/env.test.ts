import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, formatEnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("fills defaults for an empty environment", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      siteName: "The Meridian",
      siteUrl: "http://localhost:3000",
      port: 3000,
      timeZone: "UTC",
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
      DATABASE_URL: "postgres://user@db.internal:5432/news",
    });
    expect(env).toMatchObject({
      siteName: "Harbor Times",
      siteUrl: "https://news.example.org",
      port: 8080,
      dataDir: "/tmp/meridian",
      timeZone: "America/New_York",
      databaseUrl: "postgres://user@db.internal:5432/news",
    });
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", SITE_NAME: "" }).databaseUrl).toBeUndefined();
  });

  it.each([
    ["DATABASE_URL", "mysql://localhost/news"],
    ["DATABASE_URL", "not a url"],
    ["SITE_URL", "news.example.org"],
    ["SITE_URL", "ftp://news.example.org"],
    ["PORT", "eighty"],
    ["PORT", "70000"],
    ["SITE_TIMEZONE", "Mars/Olympus"],
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
