import "server-only";
import { randomBytes } from "node:crypto";
import diagnostics from "node:diagnostics_channel";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { resolveClientAddress, type TrustedProxies } from "@/lib/auth/trusted-proxies";

/**
 * What Verdict needs from the HTTP server that Next.js does not give it: the TCP peer's address
 * and the requests in flight. Next 16 exposes neither to route handlers or server actions
 * (`request.ip` is gone; its own server only fills in X-Forwarded-For when the client did not
 * send one, base-server.js `??=`, so that header is whatever the client says). Node's
 * `http.server.request.start` diagnostics channel is published synchronously for every request,
 * before Next's handler sees it, with the socket and the server: there we work out the client's
 * address (lib/auth/trusted-proxies.ts) and count the request until its response closes.
 */

type MessageOfRequestStart = { request: IncomingMessage; response: ServerResponse; socket: Socket; server: Server };

type State = {
  /** Random per process, so no client can send a value for it; requests that started before we subscribed simply lack it. */
  header: string;
  channel?: diagnostics.Channel;
  servers: Set<Server>;
  inFlight: Set<ServerResponse>;
  draining: boolean;
  idle: Set<() => void>;
};

// On globalThis: instrumentation and each route bundle load their own copy of this module.
const holder = globalThis as unknown as { __verdictHttp?: State };
const state = (holder.__verdictHttp ??= {
  header: `x-verdict-peer-${randomBytes(8).toString("hex")}`,
  servers: new Set(),
  inFlight: new Set(),
  draining: false,
  idle: new Set(),
});

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(",") : value);

/** Starts watching the server's requests; once per process (instrumentation.ts, before anything else). */
export function trackHttpRequests(trust: TrustedProxies): void {
  if (state.channel) return;
  // Held strongly here: a channel nobody references may be collected with its subscribers.
  state.channel = diagnostics.channel("http.server.request.start");
  state.channel.subscribe((message) => {
    const { request, response, socket, server } = message as MessageOfRequestStart;
    state.servers.add(server);
    request.headers[state.header] = resolveClientAddress(socket.remoteAddress, first(request.headers["x-forwarded-for"]), trust);
    // While stopping, answer what arrives on kept-alive connections but close them afterwards.
    if (state.draining) response.shouldKeepAlive = false;
    state.inFlight.add(response);
    response.once("close", () => {
      state.inFlight.delete(response);
      if (state.inFlight.size === 0) for (const resolve of state.idle) resolve();
    });
  });
}

/** The client's address as worked out for this request; "unknown" if it started before tracking did. */
export function clientAddressOf(headers: Headers): string {
  return headers.get(state.header) ?? "unknown";
}

export const requestsInFlight = () => state.inFlight.size;

/** Stops accepting connections and closes idle kept-alive ones; requests in flight go on. */
export function stopAccepting(): void {
  state.draining = true;
  for (const server of state.servers) {
    server.close();
    server.closeIdleConnections();
  }
}

/** Resolves when no request is in flight. */
export function whenIdle(): Promise<void> {
  if (state.inFlight.size === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      state.idle.delete(done);
      resolve();
    };
    state.idle.add(done);
  });
}
