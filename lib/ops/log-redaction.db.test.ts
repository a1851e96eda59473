import { NextRequest } from "next/server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import * as stories from "@/app/api/admin/stories/route";
import { authOptions } from "@/lib/auth/options";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { createUser } from "@/lib/auth/users";
import { errorResponse } from "@/lib/http/route";
import { captureLog } from "@/lib/log";
import { runInRequest } from "./request-context";

// The secrets a server meets, sent through the code that meets them — a refused sign-in, an API
// call with a token that is not valid, errors that carry an address or credentials — and the whole
// log written meanwhile searched for each of them.

const EMAIL = "jane.doe@redaction.example";
const PASSWORD = "Wr0ng-but-Secret-Passphrase";
const TOKEN = "mrd_NotARealTokenButSecret0123456789";
const SESSION = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..c2Vzc2lvbg.Y29udGVudHM.dGFn";

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
  await createUser({ email: EMAIL, name: "Jane Doe", role: "writer", password: "the-right-password-for-jane" });
});

afterAll(async () => {
  await test.dispose();
});

it("writes none of them, and the e-mail address only masked", async () => {
  const logged = captureLog();
  try {
    await runInRequest("redaction-test", async () => {
      const refused = await signInWithPassword({ email: EMAIL, password: PASSWORD }, "192.0.2.7");
      expect(refused.ok).toBe(false);

      const call = new NextRequest("http://localhost/api/admin/stories", {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, cookie: `next-auth.session-token=${SESSION}`, "content-type": "application/json" },
        body: JSON.stringify({ headline: "Token test" }),
      });
      const answer = await stories.POST(call, { params: Promise.resolve({}) });
      expect(answer.status).toBe(401);

      const failed = errorResponse(new Error(`duplicate key value violates unique constraint "users_email_key": Key (email)=(${EMAIL}) already exists`));
      expect(failed.status).toBe(500);

      authOptions("http://localhost").logger!.error!("SIGNIN_ERROR", { email: EMAIL, password: PASSWORD, token: TOKEN, cookie: `next-auth.session-token=${SESSION}` } as never);
    });
  } finally {
    logged.stop();
  }
  const text = logged.text();
  const messages = logged.lines().map((line) => String(line.msg));
  expect(messages.slice(0, 2)).toEqual(["Sign-in refused", "API token refused"]);
  expect(messages[2]).toMatch(/^duplicate key value .*\(j\*\*\*@redaction\.example\)/);
  expect(messages[3]).toMatch(/^\[next-auth\]\[error\]\[SIGNIN_ERROR\] \{ email: 'j\*\*\*@redaction\.example', password: '\[redacted\]'/);
  for (const secret of [PASSWORD, TOKEN, SESSION, "Y29udGVudHM", EMAIL, "jane.doe@", "NotARealToken"]) expect(text).not.toContain(secret);
  expect(text).toContain("j***@redaction.example");
  expect(logged.lines().every((line) => line.reqId === "redaction-test")).toBe(true);
});
