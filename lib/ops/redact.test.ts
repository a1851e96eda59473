import { afterEach, describe, expect, it } from "vitest";
import { captureLog, log } from "@/lib/log";
import { CENSOR, loggablePath, maskEmail, scrubText } from "./redact";

// Each kind of secret, as it turns up in a message, an error or a field, and what is left of it.

let logged: ReturnType<typeof captureLog> | undefined;
afterEach(() => {
  logged?.stop();
  logged = undefined;
});

describe("maskEmail", () => {
  it("keeps the mailbox's first character and the domain", () => {
    expect(maskEmail("jane.doe@example.com")).toBe("j***@example.com");
  });
});

describe("scrubText", () => {
  it.each([
    ["an e-mail address in a sentence", "No account for Jane.Doe+news@mail.example.co.uk today", "No account for J***@mail.example.co.uk today"],
    ["an API token", "token mrd_AbC123_-xyz was refused", `token ${CENSOR} was refused`],
    ["a Bearer header", "Authorization: Bearer abc.def-123", `Authorization: Bearer ${CENSOR}`],
    ["a Bearer credential alone", "sent Bearer abc.def-123 twice", `sent Bearer ${CENSOR} twice`],
    ["a password field in a query string", "password=hunter2hunter2&x=1", `password=${CENSOR}&x=1`],
    ["a password in JSON text", '{"password":"hunter2hunter2"}', `{"password":"${CENSOR}"}`],
    ["a passphrase with spaces in JSON text", '{"user":"x","newPassphrase":"correct horse \\"battery\\" staple"}', `{"user":"x","newPassphrase":"${CENSOR}"}`],
    ["a reset token in a message", "resetToken: 9f8e7d6c5b4a", `resetToken: ${CENSOR}`],
    ["a session cookie", "cookie next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..abc.def.ghi; theme=dark", `cookie next-auth.session-token=${CENSOR}; theme=dark`],
    ["a secure CSRF cookie", "__Host-next-auth.csrf-token=1a2b3c%7C4d5e", `__Host-next-auth.csrf-token=${CENSOR}`],
    ["a bare JWT", "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl end", `jwt ${CENSOR} end`],
  ])("hides %s", (_name, input, expected) => {
    expect(scrubText(input)).toBe(expected);
  });

  it("leaves ordinary lines alone", () => {
    const line = '{"level":"info","method":"GET","path":"/news/us/storm?before=12","status":200,"msg":"request"}';
    expect(scrubText(line)).toBe(line);
    expect(scrubText("Error: connect ECONNREFUSED 127.0.0.1:5432 code=ECONNREFUSED")).toBe("Error: connect ECONNREFUSED 127.0.0.1:5432 code=ECONNREFUSED");
    expect(scrubText("at file:///app/node_modules/@electric-sql/pglite/dist/index.js:1:2")).toBe("at file:///app/node_modules/@electric-sql/pglite/dist/index.js:1:2");
  });
});

describe("loggablePath", () => {
  it.each([
    ["/editor/invite/abcdef123456", `/editor/invite/${CENSOR}`],
    ["/editor/reset/abcdef123456?x=1", `/editor/reset/${CENSOR}?x=1`],
    ["/preview/abcdef123456", `/preview/${CENSOR}`],
    ["/search?q=storm&token=abc&Email=a%40b.c", `/search?q=storm&token=${CENSOR}&Email=${CENSOR}`],
    ["/editor/sign-in?callbackUrl=%2Feditor%2Fstories", `/editor/sign-in?callbackUrl=${CENSOR}`],
    ["/news/us?before=42", "/news/us?before=42"],
    ["/search?q=%ZZ&key", "/search?q=%ZZ&key"],
  ])("logs %s as %s", (url, expected) => {
    expect(loggablePath(url)).toBe(expected);
  });
});

describe("the logger's fields", () => {
  it("censors fields named for secrets, at any depth the logger is handed them", () => {
    logged = captureLog();
    log.warn(
      {
        password: "hunter2hunter2",
        token: "plain-invite-token",
        headers: { authorization: "Basic dXNlcjpwYXNz", cookie: 'sid=abc; theme="dark"', "set-cookie": ["sid=abc; HttpOnly", "b=c"] },
        body: { newPassword: "n3w pa55word", csrfToken: "c5rf", apiKey: "k3y" },
      },
      "fields",
    );
    const text = logged.text();
    for (const secret of ["hunter2hunter2", "plain-invite-token", "dXNlcjpwYXNz", "sid=abc", "dark", "b=c", "n3w", "pa55word", "c5rf", "k3y"]) expect(text).not.toContain(secret);
    expect(logged.lines()[0]).toMatchObject({
      password: CENSOR,
      token: CENSOR,
      headers: { authorization: CENSOR, cookie: CENSOR, "set-cookie": CENSOR },
      body: { newPassword: CENSOR, csrfToken: CENSOR, apiKey: CENSOR },
    });
  });
});
