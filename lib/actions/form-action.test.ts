import { afterEach, expect, it, vi } from "vitest";
import { z } from "zod";
import { form } from "./testing";
import { signInAs } from "@/lib/testing/signed-in";
import { captureLog } from "@/lib/log";
import { formAction } from "./form-action";

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
