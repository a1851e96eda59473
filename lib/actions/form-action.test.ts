import { afterEach, expect, it, vi } from "vitest";
import { z } from "zod";
import { form } from "./testing";
import { signInAs } from "@/lib/testing/signed-in";
import { captureLog } from "@/lib/log";
import { DATABASE_AWAY, formAction } from "./form-action";

signInAs({ id: 1, email: "admin@log.test", name: "Admin", role: "admin" });

afterEach(() => {
  vi.restoreAllMocks();
});

it("logs an unexpected error of an action on one line, with the submitted text escaped", async () => {
  const logged = captureLog();
  const action = formAction({
    schema: z.object({ name: z.string() }),
    run: async ({ name }) => {
      throw new Error(`Failed query\nparams: ${name}`);
    },
  });
  const state = await action({}, form({ name: "Ada\r\nERROR forged line\u2028" }));
  expect(state.error).toMatch(/Something went wrong/);
  logged.stop();
  const lines = logged.text().split("\n").filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  expect(lines[0]).toContain("params: Ada\\r\\nERROR forged line\\u2028");
});

it.each([
  ["the database refusing connections", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
  ["a write past its deadline", Object.assign(new Error("too slow"), { code: "WRITE_DEADLINE" })],
])("says the database is briefly away, and logs nothing, for %s", async (_, failure) => {
  const log = vi.spyOn(console, "error").mockImplementation(() => {});
  const action = formAction({
    schema: z.object({ name: z.string() }),
    run: async () => {
      throw new Error("Failed query: insert …", { cause: failure });
    },
  });
  const state = await action({}, form({ name: "Ada" }));
  expect(state.error).toBe(DATABASE_AWAY);
  expect(log).not.toHaveBeenCalled();
});
