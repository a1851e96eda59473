// npm run db:two-factor-off -- <e-mail> – turns off two-factor sign-in of one account, ending its
// sessions: for an admin who lost their authenticator app (or whose secret no longer opens after
// AUTH_SECRET changed) when no other admin can do it from the People page. Logged.
import { findUserByEmail } from "@/lib/auth/users";
import { resetTwoFactor } from "@/lib/auth/two-factor";
import { env } from "@/lib/env";
import { fail, loadEnvFiles } from "./lib/cli";
import { openCheckedDatabase } from "./lib/prepare-database";

loadEnvFiles();
try {
  env();
  const email = process.argv[2];
  if (!email) throw new Error("Usage: npm run db:two-factor-off -- <e-mail address of the account>");
  const handle = await openCheckedDatabase();
  try {
    const user = await findUserByEmail(email, handle.db);
    if (!user) throw new Error(`No account uses ${email}.`);
    const done = await resetTwoFactor(null, user.id, undefined, handle.db);
    console.log(done ? `Two-factor sign-in of ${user.email} is off; their sessions have ended.` : `${user.email} had no two-factor sign-in.`);
  } finally {
    await handle.close();
  }
} catch (error) {
  fail(error);
}
