import http from "node:http";

// The load balancer of the cluster test: a round-robin HTTP proxy on node:http, one keep-alive
// agent per instance, that says who the client was (X-Forwarded-For, -Host, -Proto, as the
// instances' TRUST_PROXY=1 expects). An instance that refuses the connection (killed, in check 5)
// is passed over for the next, as a load balancer's health check would; a request that reached an
// instance is never sent twice. The set of instances can change while it runs (the throughput is
// measured behind it with one instance, then two).

export interface Proxy {
  readonly port: number;
  /** The instances' base URLs, in turn. */
  setBackends(sites: string[]): void;
  close(): Promise<void>;
}

const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"];

export async function startProxy(port: number, sites: string[]): Promise<Proxy> {
  let backends = sites.map((site) => new URL(site));
  const agents = new Map<string, http.Agent>();
  const agentFor = (url: URL) => {
    let agent = agents.get(url.host);
    if (!agent) agents.set(url.host, (agent = new http.Agent({ keepAlive: true, maxSockets: 64 })));
    return agent;
  };
  let turn = 0;

  const server = http.createServer((request, response) => {
    const body: Buffer[] = [];
    request.on("data", (chunk: Buffer) => body.push(chunk));
    request.on("end", () => forward(request, response, Buffer.concat(body), turn++, 0));
  });

  function forward(request: http.IncomingMessage, response: http.ServerResponse, body: Buffer, start: number, tried: number): void {
    if (!backends.length || tried >= backends.length) {
      response.writeHead(502, { "content-type": "text/plain" }).end("No instance answered\n");
      return;
    }
    const target = backends[(start + tried) % backends.length]!;
    const headers = { ...request.headers };
    for (const name of HOP_BY_HOP) delete headers[name];
    const client = request.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "unknown";
    headers["x-forwarded-for"] = headers["x-forwarded-for"] ? `${headers["x-forwarded-for"]}, ${client}` : client;
    headers["x-forwarded-host"] = request.headers.host ?? `127.0.0.1:${port}`;
    headers["x-forwarded-proto"] = "http";
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: request.method, path: request.url, headers, agent: agentFor(target) },
      (answer) => {
        const answerHeaders = { ...answer.headers };
        for (const name of HOP_BY_HOP) delete answerHeaders[name];
        response.writeHead(answer.statusCode ?? 502, answerHeaders);
        answer.pipe(response);
      },
    );
    upstream.on("error", (error: NodeJS.ErrnoException) => {
      // Refused: nothing was sent, so the next instance may take it.
      if (error.code === "ECONNREFUSED") return forward(request, response, body, start, tried + 1);
      // A kept-alive connection the instance closed as it was reused (its idle timeout): the
      // request never reached it, so it is sent again on a new connection, as Node's docs advise.
      if (error.code === "ECONNRESET" && upstream.reusedSocket && !response.headersSent) return forward(request, response, body, start, tried);
      if (!response.headersSent) response.writeHead(502, { "content-type": "text/plain" }).end(`The instance failed: ${error.code ?? error.message}\n`);
      else response.destroy();
    });
    upstream.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    port,
    setBackends(next) {
      backends = next.map((site) => new URL(site));
    },
    close() {
      for (const agent of agents.values()) agent.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
