import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { fixedByEnvironment, resolveSiteSettings, siteSettingsInput, storedSiteSettings } from "./site";

// The site settings: what an admin may send, and the environment winning where it is set.

const stored = storedSiteSettings({
  name: "The Harbor Ledger",
  description: "News from the harbor towns.",
  timeZone: "Europe/Lisbon",
  logoMediaId: 7,
  commentsOpenByDefault: false,
  commentsPerAddress: 3,
  commentsPerStory: 12,
});

describe("the site settings in force", () => {
  it("are the stored values where no variable is set", () => {
    const source = {};
    expect(resolveSiteSettings(stored, parseEnv(source), fixedByEnvironment(source))).toEqual({
      name: "The Harbor Ledger",
      description: "News from the harbor towns.",
      timeZone: "Europe/Lisbon",
      logoMediaId: 7,
      commentsOpenByDefault: false,
      commentsPerAddress: 3,
      commentsPerStory: 12,
      fixed: {},
    });
  });

  it("take the environment's value where its variable is set, and name that variable", () => {
    const source = { SITE_NAME: "Meridian Daily", SITE_TIMEZONE: "Asia/Tokyo", COMMENTS_PER_STORY_PER_MINUTE: "40", SITE_DESCRIPTION: "" };
    const settings = resolveSiteSettings(stored, parseEnv(source), fixedByEnvironment(source));
    expect(settings).toMatchObject({ name: "Meridian Daily", timeZone: "Asia/Tokyo", commentsPerStory: 40 });
    // A blank variable is unset, as lib/env.ts reads it: the stored value stands.
    expect(settings).toMatchObject({ description: "News from the harbor towns.", commentsPerAddress: 3 });
    expect(settings.fixed).toEqual({ name: "SITE_NAME", timeZone: "SITE_TIMEZONE", commentsPerStory: "COMMENTS_PER_STORY_PER_MINUTE" });
  });

  it("fall back to the environment's defaults when nothing is stored, with comments open on new stories", () => {
    expect(resolveSiteSettings({}, parseEnv({}), {})).toMatchObject({
      name: "The Meridian",
      timeZone: "UTC",
      logoMediaId: null,
      commentsOpenByDefault: true,
      commentsPerAddress: 5,
      commentsPerStory: 30,
    });
  });

  it("drop a stored field that no longer reads, keeping the others", () => {
    expect(storedSiteSettings({ name: "Kept", timeZone: "Mars/Olympus", commentsPerStory: -1 })).toEqual({ name: "Kept" });
    expect(storedSiteSettings(null)).toEqual({});
  });
});

describe("what an admin may send", () => {
  const errors = (raw: unknown) => {
    const parsed = siteSettingsInput.safeParse(raw);
    return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((issue) => [issue.path[0], issue.message]));
  };

  it("reads a form's text", () => {
    expect(
      siteSettingsInput.parse({ name: "  Ledger ", timeZone: "America/New_York", logoMediaId: "", commentsOpenByDefault: "false", commentsPerAddress: "8" }),
    ).toEqual({ name: "Ledger", timeZone: "America/New_York", logoMediaId: null, commentsOpenByDefault: false, commentsPerAddress: 8 });
  });

  it("refuses bad values with a message for each field", () => {
    expect(
      errors({ name: " ", description: "x".repeat(301), timeZone: "Europe/Atlantis", logoMediaId: "logo.png", commentsOpenByDefault: "maybe", commentsPerStory: "0" }),
    ).toEqual({
      name: "Enter the publication's name",
      description: "Keep the description within 300 characters",
      timeZone: "Choose a time zone by its IANA name, such as Europe/London or UTC",
      logoMediaId: "Choose a logo from the media library",
      commentsOpenByDefault: "Choose whether comments are open on new stories",
      commentsPerStory: "Allow at least 1 a minute",
    });
    expect(errors({ commentsPerAddress: "5.5" })).toEqual({ commentsPerAddress: "Enter a whole number of comments a minute, such as 5" });
    expect(errors({ name: "Bad\u0000name" }).name).toMatch(/control characters/);
  });
});
