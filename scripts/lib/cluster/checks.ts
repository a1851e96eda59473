import type { SiteFacts } from "../faults/prepare-site";
import { noisePng } from "../faults/upload-disk";
import type { ReplicatedPostgres } from "../postgres-replica";
import { get, late, NO_ANSWER, timeUntil, type Newsroom, type Target } from "./client";
import type { AppInstance } from "./instance";
import { measure, type CheckResult } from "./report";
import { bucketObjects, type ChildServer } from "./services";

// Issue 16's seven checks, each in the issue's words, run through the proxy and directly on each
// instance: here the first four (what a change on one instance does on the others), and the
// cluster they run on; the last three, each a service failing, in ./outage-checks.ts. Every change
// is made on instance A; the time each target took to show it is measured from the moment A
// acknowledged it (scripts/lib/cluster/client.ts, timeUntil).

export interface Cluster {
  proxy: Target;
  instances: AppInstance[];
  /** The newsroom's API on instance A. */
  a: Newsroom;
  facts: SiteFacts;
  runId: string;
  /** The primary and its streaming replica (scripts/lib/postgres-replica.ts). */
  database: ReplicatedPostgres;
  redis: ChildServer;
  s3: { dir: string; bucket: string };
  /** The demo editor, who signs in for check 3. */
  editor: { email: string; password: string };
}

/** The proxy and every instance still running. */
export const targets = (cluster: Cluster): Target[] => [cluster.proxy, ...cluster.instances.filter((instance) => instance.alive).map(({ name, site }) => ({ name, site }))];

/** The limits set on the instances for check 3 (scripts/cluster-test.ts passes them). */
export const COMMENTS_PER_ADDRESS = 5;
const SIGN_IN_FAILURES_ALLOWED = 5;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A page's text as words, to find a headline in it whatever the markup and escaping around it. */
export const words = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, " ");

/** Waits, without measuring, until every target shows `path` the way `passes` wants (pages a check starts from). */
export async function settled(cluster: Cluster, path: string, passes: (status: number, text: string) => boolean): Promise<void> {
  await timeUntil(targets(cluster), Date.now(), async (target) => {
    const page = await get(`${target.site}${path}`);
    return passes(page.status, page.text) || String(page.status);
  }, 30_000);
}

/** Every target asks for each path twice: whatever an instance caches, it holds now. */
export async function warm(cluster: Cluster, paths: string[]): Promise<void> {
  for (let round = 0; round < 2; round++) {
    await Promise.all(targets(cluster).flatMap((target) => paths.map((path) => get(`${target.site}${path}`))));
  }
}

/** 1. A story published through instance A is served fresh by instance B within 2 s (and by the proxy), and an unpublished one answers 410 everywhere within 2 s. */
export async function publishedAndUnpublished(cluster: Cluster): Promise<CheckResult> {
  const headline = `Cluster harbour vote ${cluster.runId}`;
  const story = await cluster.a.create(headline, cluster.facts.sectionId);
  // Every target has the section page without the story, and has been asked for the article.
  await warm(cluster, [cluster.facts.sectionPath, story.publicPath]);
  await cluster.a.act(story.id, "publish");
  const published = await timeUntil(targets(cluster), Date.now(), async (target) => {
    const [page, section] = await Promise.all([get(`${target.site}${story.publicPath}`), get(`${target.site}${cluster.facts.sectionPath}`)]);
    if (page.status !== 200 || !words(page.text).includes(words(headline))) return `the article answered ${page.status}`;
    return words(section.text).includes(words(headline)) || "its section page does not list it";
  });
  // Every target now holds the published article.
  await warm(cluster, [story.publicPath]);
  await cluster.a.act(story.id, "unpublish");
  const gone = await timeUntil(targets(cluster), Date.now(), async (target) => {
    const page = await get(`${target.site}${story.publicPath}`);
    return page.status === 410 || `the article answered ${page.status}`;
  });
  const problems = [...late(published, "serving it (article and section page)"), ...late(gone, "answering 410")];
  return { check: "1. published on A: fresh on every instance; unpublished: 410 everywhere", ok: !problems.length, measures: [measure("published → served", published), measure("unpublished → 410", gone)], problems };
}

/** 2. A redirect made by a slug change on A answers 301 on B. */
export async function slugChangeRedirect(cluster: Cluster): Promise<CheckResult> {
  const story = await cluster.a.create(`Cluster ferry timetable ${cluster.runId}`, cluster.facts.sectionId);
  await cluster.a.act(story.id, "publish");
  const oldPath = story.publicPath;
  await settled(cluster, oldPath, (status) => status === 200);
  await warm(cluster, [oldPath]);
  const moved = await cluster.a.save(story, { slug: `${story.slug}-moved` });
  const redirected = await timeUntil(targets(cluster), Date.now(), async (target) => {
    const page = await get(`${target.site}${oldPath}`);
    return (page.status === 301 && page.location?.endsWith(moved.publicPath)) || `the old address answered ${page.status}${page.location ? ` → ${page.location}` : ""}`;
  });
  const problems = late(redirected, `answering 301 to ${moved.publicPath}`);
  return { check: "2. slug changed on A: the old address answers 301 everywhere", ok: !problems.length, measures: [measure("slug changed → 301", redirected)], problems };
}

/** next-auth's credentials sign-in on one site, as the sign-in form posts it: its answer and cookies. */
async function signIn(site: string, email: string, password: string): Promise<{ status: number; cookies: string }> {
  const csrf = await fetch(`${site}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json().catch(() => ({}))) as { csrfToken?: string };
  if (csrf.status !== 200 || !csrfToken) return { status: csrf.status, cookies: "" };
  const jar = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
  const answer = await fetch(`${site}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/editor", json: "true" }),
  });
  await answer.arrayBuffer();
  return { status: answer.status, cookies: [...jar, ...answer.headers.getSetCookie().map((cookie) => cookie.split(";")[0])].join("; ") };
}

async function postComment(site: string, storyId: number, key: string): Promise<number> {
  const response = await fetch(`${site}/api/stories/${storyId}/comments`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "Cluster reader", body: `A comment from the cluster test, ${key}`, idempotencyKey: key }),
  }).catch(() => null);
  await response?.arrayBuffer();
  return response?.status ?? NO_ANSWER;
}

/** 3. A session signed in on A works on B; a sign-in throttle counted on A holds on B; a comment rate limit too. */
export async function limitsAndSessions(cluster: Cluster): Promise<CheckResult> {
  const [a] = cluster.instances;
  const problems: string[] = [];
  const signedIn = await signIn(a!.site, cluster.editor.email, cluster.editor.password);
  if (!/session-token=/.test(signedIn.cookies)) problems.push(`signing in on A gave no session (HTTP ${signedIn.status})`);
  const session = await timeUntil(targets(cluster), Date.now(), async (target) => {
    const page = await get(`${target.site}/editor`, { cookie: signedIn.cookies });
    return page.status === 200 || `the newsroom answered ${page.status}${page.location ? ` → ${page.location}` : ""}`;
  });
  problems.push(...late(session, "taking the session"));

  // An address no account has: its failures count all the same, and no one else is blocked.
  const email = `nobody.${cluster.runId}@cluster.test`;
  for (let attempt = 1; attempt <= SIGN_IN_FAILURES_ALLOWED; attempt++) {
    const { status } = await signIn(a!.site, email, "not-the-password");
    if (status === 429) problems.push(`A refused failure ${attempt} of ${SIGN_IN_FAILURES_ALLOWED} as throttled already`);
  }
  const throttle = await timeUntil(targets(cluster), Date.now(), async (target) => {
    const { status } = await signIn(target.site, email, "not-the-password");
    return status === 429 || `a further attempt answered ${status}`;
  });
  problems.push(...late(throttle, "throttling the account"));

  let serial = 0;
  for (let n = 1; n <= COMMENTS_PER_ADDRESS; n++) {
    const status = await postComment(a!.site, cluster.facts.commentStoryId, `${cluster.runId}-a${n}`);
    if (status !== 201 && status !== 202) problems.push(`comment ${n} of ${COMMENTS_PER_ADDRESS} on A answered ${status}`);
  }
  const comments = await timeUntil(targets(cluster), Date.now(), async (target) => {
    const status = await postComment(target.site, cluster.facts.commentStoryId, `${cluster.runId}-${target.name}${serial++}`);
    return status === 429 || `a further comment answered ${status}`;
  });
  problems.push(...late(comments, "limiting comments"));
  return {
    check: "3. a session, a sign-in throttle and a comment limit made on A hold everywhere",
    ok: !problems.length,
    measures: [measure("signed in → session", session), measure(`${SIGN_IN_FAILURES_ALLOWED} failures → 429`, throttle), measure(`${COMMENTS_PER_ADDRESS} comments → 429`, comments)],
    problems,
  };
}

/** 4. A photo uploaded through A is in the bucket and served by B. */
export async function photoInBucket(cluster: Cluster): Promise<CheckResult> {
  const before = new Set(bucketObjects(cluster.s3.dir, cluster.s3.bucket));
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(await noisePng(60))], { type: "image/png" }), `cluster-${cluster.runId}.png`);
  form.append("alt", "Noise from the cluster test");
  const answer = await cluster.a.upload(form);
  const problems: string[] = [];
  const src = typeof answer.body.src === "string" ? answer.body.src : undefined;
  if (answer.status !== 201 || !src) problems.push(`the upload on A answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 200)}`);
  const added = bucketObjects(cluster.s3.dir, cluster.s3.bucket).filter((key) => !before.has(key));
  if (!added.length) problems.push(`nothing new in the bucket "${cluster.s3.bucket}"`);
  const path = src ? new URL(src, cluster.proxy.site).pathname : "/";
  const served = await timeUntil(targets(cluster), Date.now(), async (target) => {
    const image = await get(`${target.site}${path}`);
    return (image.status === 200 && !!image.contentType?.startsWith("image/")) || `${path} answered ${image.status} ${image.contentType ?? ""}`;
  });
  if (src) problems.push(...late(served, "serving the photo"));
  return { check: "4. a photo uploaded on A: in the bucket, served everywhere", ok: !problems.length, measures: [measure("uploaded → served", served)], note: `${added.length} objects added to the bucket`, problems };
}
