import { describe, expect, it } from "vitest";
import { Cleanup } from "./cleanup";

// The cluster test's undoing: newest first, each once, one failing not stopping the rest.

describe("the cluster test's cleanup", () => {
  it("undoes everything newest first, once, even when one undoing fails", async () => {
    const cleanup = new Cleanup();
    const done: string[] = [];
    cleanup.add("database", async () => void done.push("database"));
    cleanup.add("redis", async () => {
      done.push("redis");
      throw new Error("already gone");
    });
    cleanup.add("instance", async () => void done.push("instance"));
    expect(cleanup.stopping).toBe(false);
    await Promise.all([cleanup.all(), cleanup.all()]);
    expect(done).toEqual(["instance", "redis", "database"]);
    expect(cleanup.stopping).toBe(true);
    await cleanup.all();
    expect(done).toHaveLength(3);
  });
});
