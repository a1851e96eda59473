import { afterEach, describe, expect, it, vi } from "vitest";

// openCheckedDatabase waits for the first answer: a server's within a limit, embedded PGlite's for
// as long as creating the database takes (a first `npm start` on a busy machine took over 10 s and
// stopped with "Error: timeout" before this).
const { firstAnswerAfterMs, databaseUrl } = vi.hoisted(() => ({ firstAnswerAfterMs: { value: 0 }, databaseUrl: { value: "" } }));

vi.mock("@/lib/env", () => ({
  env: () => ({ databaseUrl: databaseUrl.value || undefined, dataDir: "/nowhere" }),
}));
vi.mock("@/db/client", () => ({
  openDatabase: () => ({
    db: { execute: () => new Promise((resolve) => setTimeout(() => resolve([{ "?column?": 1 }]), firstAnswerAfterMs.value)) },
    close: async () => {},
  }),
}));

const { openCheckedDatabase, SERVER_ANSWER_TIMEOUT_MS } = await import("./prepare-database");

afterEach(() => {
  vi.useRealTimers();
});

async function openAfter(ms: number) {
  vi.useFakeTimers();
  firstAnswerAfterMs.value = ms;
  const opened = openCheckedDatabase().then(
    () => "opened",
    (error: Error) => error.message,
  );
  await vi.advanceTimersByTimeAsync(ms + 1);
  return opened;
}

describe("opening the database at the start", () => {
  it("waits for embedded PGlite however long its first open (initdb) takes", async () => {
    databaseUrl.value = "";
    expect(await openAfter(SERVER_ANSWER_TIMEOUT_MS * 3)).toBe("opened");
  });

  it("gives up on a server that does not answer within the limit, naming it", async () => {
    databaseUrl.value = "postgres://meridian@db.internal:5432/news";
    const message = await openAfter(SERVER_ANSWER_TIMEOUT_MS * 3);
    expect(message).toContain("db.internal:5432/news");
  });

  it("accepts a server that answers in time", async () => {
    databaseUrl.value = "postgres://meridian@db.internal:5432/news";
    expect(await openAfter(SERVER_ANSWER_TIMEOUT_MS / 2)).toBe("opened");
  });
});
