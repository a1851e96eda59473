import net from "node:net";

// A TCP proxy between the application and PostgreSQL that can hold back what the application
// sends: with a delay of 500 ms every message the client sends (a query, a Sync, a COMMIT) reaches
// the server half a second late, so each round trip of the wire protocol takes 500 ms more, as it
// would on a slow or far-away database. Order is kept: a chunk never overtakes the one before it.
// Closing either side closes the other, so a server restart or a terminated session reaches the
// application as it would without the proxy.

export interface SlowProxy {
  port: number;
  /** Milliseconds added to everything the application sends from now on (0: none). */
  setDelay(ms: number): void;
  close(): Promise<void>;
}

export async function startSlowProxy(listenPort: number, targetPort: number): Promise<SlowProxy> {
  let delay = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect({ port: targetPort, host: "127.0.0.1" });
    sockets.add(client).add(upstream);
    let releaseAt = 0;
    client.on("data", (chunk) => {
      if (delay === 0 && releaseAt <= Date.now()) {
        upstream.write(chunk);
        return;
      }
      releaseAt = Math.max(releaseAt, Date.now() + delay);
      setTimeout(() => upstream.writable && upstream.write(chunk), releaseAt - Date.now());
    });
    upstream.on("data", (chunk) => client.writable && client.write(chunk));
    const closeBoth = () => {
      // After the held-back chunks: an End sent by the client still reaches the server.
      setTimeout(() => {
        client.destroy();
        upstream.destroy();
        sockets.delete(client);
        sockets.delete(upstream);
      }, Math.max(0, releaseAt - Date.now()));
    };
    client.on("close", closeBoth).on("error", closeBoth);
    upstream.on("close", closeBoth).on("error", closeBoth);
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(listenPort, "127.0.0.1", resolve));
  return {
    port: listenPort,
    setDelay: (ms) => {
      delay = ms;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
