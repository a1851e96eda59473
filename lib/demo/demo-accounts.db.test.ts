import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { resetPassword } from "@/lib/auth/people";
import { createUser, findUserByEmail } from "@/lib/auth/users";
import { createDemoAccounts, DemoAccountsOnPublicSiteError, demoAccounts, disableDemoAccounts, refuseDemoAccountsOnPublicSite } from "./demo-accounts";

// `npm start` refuses to serve a public address while an account still signs in with a
// password published in the README.

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});

afterAll(async () => {
  await test.dispose();
});

const PUBLIC = "https://news.example.org";

async function refusal(siteUrl: string): Promise<unknown> {
  return refuseDemoAccountsOnPublicSite(siteUrl, test.db).then(
    () => null,
    (error: unknown) => error,
  );
}

describe("the start check for demo accounts", () => {
  it("passes a public site without demo accounts", async () => {
    expect(await refusal(PUBLIC)).toBeNull();
  });

  it("refuses a public site while they exist, in one line naming them and how to disable them", async () => {
    await createDemoAccounts(test.db);
    const error = await refusal(PUBLIC);
    expect(error).toBeInstanceOf(DemoAccountsOnPublicSiteError);
    const message = (error as Error).message;
    expect(message.split("\n")).toHaveLength(1);
    expect(message).toContain(PUBLIC);
    for (const account of demoAccounts) expect(message).toContain(account.email);
    expect(message).toContain("npm run db:disable-demo-accounts");
  });

  it("lets a local site keep them", async () => {
    expect(await refusal("http://localhost:3000")).toBeNull();
    expect(await refusal("http://127.0.0.1:3100")).toBeNull();
  });

  it("no longer names an account whose password was reset", async () => {
    const admin = await createUser({ email: "chief@demo-check.test", name: "Chief", role: "admin", password: "chief-long-password" });
    const editor = (await findUserByEmail("editor@demo.test", test.db))!;
    await resetPassword({ id: admin.id, email: admin.email, name: admin.name, role: "admin" }, editor.id, "127.0.0.1", test.db);
    const message = ((await refusal(PUBLIC)) as Error).message;
    expect(message).not.toContain("editor@demo.test");
    expect(message).toContain("writer@demo.test");
  });

  it("passes once they are disabled", async () => {
    expect(await disableDemoAccounts(test.db)).toEqual(["editor@demo.test", "writer@demo.test"]);
    expect(await refusal(PUBLIC)).toBeNull();
    expect((await findUserByEmail("writer@demo.test", test.db))!.disabledAt).toBeInstanceOf(Date);
  });
});
