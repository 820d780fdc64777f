/**
 * The load balancer in front of the two-instance test: http-proxy forwards each request to the
 * next instance in turn (round robin), streams included (the live event stream stays open
 * through it). A test may pin one request to an instance with `x-verdict-instance: <index>`,
 * to render a page on one instance and post its server action to the other. Every answer
 * says which instance served it (`x-served-by`).
 */
import http from "node:http";
import httpProxy from "http-proxy";

export type Balancer = { url: string; served: number[]; close: () => Promise<void> };

export const PIN_HEADER = "x-verdict-instance";
export const SERVED_BY_HEADER = "x-served-by";

export async function startBalancer(port: number, targets: string[]): Promise<Balancer> {
  const proxy = httpProxy.createProxyServer({ ws: false });
  const served = targets.map(() => 0);
  let next = 0;
  proxy.on("proxyRes", (proxyRes, req) => {
    proxyRes.headers[SERVED_BY_HEADER] = String((req as http.IncomingMessage & { target?: number }).target);
  });
  proxy.on("error", (error, _req, res) => {
    // An instance that is down or restarting: answer as a real balancer would, not crash.
    if (res instanceof http.ServerResponse && !res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
    res.end(`bad gateway: ${error.message}`);
  });
  const server = http.createServer((req, res) => {
    // The balancer's own counters, for the test to see that both instances took their share.
    if (req.url === "/__balancer") return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(served));
    const pinned = Number(req.headers[PIN_HEADER]);
    const target = Number.isInteger(pinned) && pinned >= 0 && pinned < targets.length ? pinned : next++ % targets.length;
    (req as http.IncomingMessage & { target?: number }).target = target;
    served[target]! += 1;
    proxy.web(req, res, { target: targets[target] });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        proxy.close();
      }),
  };
}
