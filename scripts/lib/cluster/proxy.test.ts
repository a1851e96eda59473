import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startProxy, type Proxy } from "./proxy";

// The cluster test's load balancer: requests go round the instances in turn with their body and
// the client's address; an instance that refuses connections is passed over; the set can change.

interface Backend {
  site: string;
  server: http.Server;
}

async function backend(name: string): Promise<Backend> {
  const server = http.createServer((request, response) => {
    const body: Buffer[] = [];
    request.on("data", (chunk: Buffer) => body.push(chunk));
    request.on("end", () => {
      response.writeHead(201, { "content-type": "application/json", "x-backend": name });
      response.end(JSON.stringify({ name, method: request.method, url: request.url, body: Buffer.concat(body).toString(), forwardedFor: request.headers["x-forwarded-for"], forwardedHost: request.headers["x-forwarded-host"] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { site: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** A port nothing listens on: one taken, then released. */
async function closedSite(): Promise<string> {
  const { site, server } = await backend("closed");
  await new Promise((resolve) => server.close(resolve));
  return site;
}

let one: Backend;
let two: Backend;
let proxy: Proxy;
let proxySite: string;

beforeAll(async () => {
  [one, two] = await Promise.all([backend("one"), backend("two")]);
  const probe = await backend("probe");
  const port = Number(new URL(probe.site).port);
  await new Promise((resolve) => probe.server.close(resolve));
  proxy = await startProxy(port, [one.site, two.site]);
  proxySite = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await proxy.close();
  await Promise.all([one, two].map(({ server }) => new Promise((resolve) => server.close(resolve))));
});

const ask = async (path = "/", init: RequestInit = {}) => (await (await fetch(`${proxySite}${path}`, init)).json()) as Record<string, string>;

describe("the cluster test's proxy", () => {
  it("sends requests to the instances in turn, each with its method, path, body and the client's address", async () => {
    const answers = [];
    for (let n = 0; n < 4; n++) answers.push(await ask(`/page?n=${n}`, { method: "POST", body: `body ${n}` }));
    expect(answers.map((answer) => answer.name)).toEqual(expect.arrayContaining(["one", "two"]));
    expect(answers[0]!.name).not.toBe(answers[1]!.name);
    expect(answers[0]!.name).toBe(answers[2]!.name);
    expect(answers[3]).toMatchObject({ method: "POST", url: "/page?n=3", body: "body 3", forwardedFor: "127.0.0.1", forwardedHost: new URL(proxySite).host });
  });

  it("passes over an instance that refuses connections", async () => {
    proxy.setBackends([await closedSite(), one.site]);
    const names = await Promise.all([ask(), ask(), ask()]);
    expect(names.map((answer) => answer.name)).toEqual(["one", "one", "one"]);
  });

  it("answers 502 when no instance takes the request", async () => {
    proxy.setBackends([await closedSite()]);
    expect((await fetch(proxySite)).status).toBe(502);
  });

  it("sends everything to the one instance it is given", async () => {
    proxy.setBackends([two.site]);
    const names = await Promise.all([ask(), ask(), ask()]);
    expect(names.map((answer) => answer.name)).toEqual(["two", "two", "two"]);
  });
});
