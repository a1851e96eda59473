import { getDb, type Db } from "@/lib/db";
import { purgeExpiredTrash } from "./trash";
import { publishDueStories } from "./workflow";

// The story sweeper, run by the server every few seconds and at start (scripts/serve.ts): it
// publishes scheduled stories whose time has come and purges stories trashed 30 days before
// `now`. Each part runs in its own transaction, and one failing does not stop the other.

export async function sweepStories(now = new Date(), db: Db = getDb()): Promise<{ published: number[]; purged: number[] }> {
  const [published, purged] = await Promise.allSettled([publishDueStories(db), purgeExpiredTrash(now, db)]);
  if (published.status === "rejected") throw new Error(`Scheduled publishing failed: ${(published.reason as Error).message}`);
  if (purged.status === "rejected") throw new Error(`Purging the trash failed: ${(purged.reason as Error).message}`);
  return { published: published.value, purged: purged.value };
}
