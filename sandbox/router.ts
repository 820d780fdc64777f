import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { FaultInjector } from "./faults";
import { sendJson } from "./http";
import type { SandboxProviderId } from "./provider";
import type { RequestLog } from "./request-log";

export type SandboxRequest = {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  url: URL;
  /** Path below the provider prefix, e.g. "/v3/sessions/". */
  path: string;
  /** Absolute URL of the provider's root as the client reached it, e.g. http://127.0.0.1:4010/didit */
  baseUrl: string;
};

/** One fake provider, mounted under its own prefix (/didit, later /beltic, /idenfy, /bynn). */
export type ProviderMount = {
  prefix: `/${string}`;
  handle: (request: SandboxRequest) => void | Promise<void>;
};

/** Test and demo hooks: armed faults answer before the provider does; /_control is the sandbox's own API. */
export type RouterExtras = {
  faults?: FaultInjector;
  requests?: RequestLog;
  control?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
};

export function createRouter(mounts: readonly ProviderMount[], extras: RouterExtras = {}): RequestListener {
  return (req, res) => {
    route(mounts, extras, req, res).catch((error: unknown) => {
      console.error("sandbox: unhandled error", error);
      if (!res.headersSent) sendJson(res, 500, { detail: "Internal server error." });
      else res.destroy();
    });
  };
}

async function route(mounts: readonly ProviderMount[], extras: RouterExtras, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Links in responses (next pages, media) must point back at the address the client used.
  const origin = `http://${req.headers.host ?? "127.0.0.1"}`;
  let url: URL;
  try {
    url = new URL(req.url ?? "/", origin);
  } catch {
    sendJson(res, 400, { detail: "Bad request." });
    return;
  }
  if (url.pathname === "/health") {
    sendJson(res, 200, { ok: true, providers: mounts.map((m) => m.prefix.slice(1)) });
    return;
  }
  if (extras.control && (url.pathname === "/_control" || url.pathname.startsWith("/_control/"))) {
    await extras.control(req, res, url);
    return;
  }
  const mount = mounts.find(({ prefix }) => url.pathname === prefix || url.pathname.startsWith(`${prefix}/`));
  if (!mount) {
    sendJson(res, 404, { detail: "Not found." });
    return;
  }
  const provider = mount.prefix.slice(1) as SandboxProviderId;
  const fault = extras.faults?.interceptApi(provider, req, res) ?? null;
  extras.requests?.record({ provider, method: req.method ?? "GET", path: url.pathname + url.search, fault });
  if (fault && fault !== "hang_after_apply") return;
  await mount.handle({
    req,
    res,
    method: req.method ?? "GET",
    url,
    path: url.pathname.slice(mount.prefix.length) || "/",
    baseUrl: `${url.origin}${mount.prefix}`,
  });
}
