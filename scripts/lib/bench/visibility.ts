// How soon a change shows on the cached site, measured by `npm run bench` in each configuration:
// a story published through the admin API on the home page, and Audio Only going on or off air in
// the header and the stream link.

/** Loads the home page a few times, so each measurement starts from a filled page cache. */
async function warmHome(site: string) {
  for (let i = 0; i < 3; i++) await fetch(`${site}/`).then((r) => r.text());
}

/** Milliseconds since `started` until `shown()` holds, polling every 10 ms; gives up after 10 s. */
async function msUntil(started: number, shown: () => Promise<boolean>, failure: string): Promise<number> {
  while (!(await shown())) {
    if (performance.now() - started > 10_000) throw new Error(failure);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Math.round(performance.now() - started);
}

/** Publishes a new story through the admin API and polls the (cached) home page until it shows. */
export async function measurePublishToVisible(site: string, token: string, runs: number): Promise<number[]> {
  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const headline = `Bench story ${Date.now()} ${run}`;
    const created = await fetch(`${site}/api/admin/stories`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        headline,
        sectionId: 2,
        authorIds: [1],
        body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Measured." }] }] },
      }),
    }).then((r) => r.json() as Promise<{ id: number }>);
    await warmHome(site);
    const started = performance.now();
    await fetch(`${site}/api/admin/stories/${created.id}/publish`, { method: "POST", headers: { Authorization: headers.Authorization } });
    const shown = async () => (await fetch(`${site}/`).then((r) => r.text())).includes(headline);
    times.push(await msUntil(started, shown, "The story did not appear within 10 s"));
  }
  return times;
}

/**
 * Takes Audio Only off air and back on through the admin API, alternately, and polls until the
 * cached home page's header and the stream link (/api/live/audio: 503 or 307) both show it.
 */
export async function measureLiveChangeToVisible(site: string, token: string, runs: number): Promise<number[]> {
  const auth = { Authorization: `Bearer ${token}` };
  const { streams } = await fetch(`${site}/api/admin/live`, { headers: auth }).then((r) => r.json() as Promise<{ streams: { id: number; slug: string }[] }>);
  const audio = streams.find((stream) => stream.slug === "audio")!;
  const onAirMark = /Audio Only<span class="on-air-badge">/;
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const status = run % 2 === 0 ? "off_air" : "on_air";
    await warmHome(site);
    const started = performance.now();
    const response = await fetch(`${site}/api/admin/live/streams/${audio.id}`, {
      method: "PATCH",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({ status }),
    });
    if (!response.ok) throw new Error(`PATCH answered ${response.status}`);
    const shown = async () => {
      const header = onAirMark.test(await fetch(`${site}/`).then((r) => r.text()));
      const link = (await fetch(`${site}/api/live/audio`, { redirect: "manual" })).status;
      return status === "on_air" ? header && link === 307 : !header && link === 503;
    };
    times.push(await msUntil(started, shown, `Audio Only was not ${status} within 10 s`));
  }
  return times;
}
