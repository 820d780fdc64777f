import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "./http";
import type { SandboxProviderId } from "./provider";

/**
 * Failures tests and demos can ask for, per provider, for the next `count` requests or
 * webhook deliveries: an API that hangs, fails, throttles, or signs webhooks wrongly.
 * `hang_after_apply` lets the provider carry the request out, then never answers: the caller
 * cannot tell that it worked (a crash or timeout between the provider's success and ours).
 */
export const FAULT_MODES = ["timeout", "error_500", "rate_limit", "bad_signature", "hang_after_apply"] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

/** Which API requests an armed fault applies to (all of the provider's by default). */
export type FaultMatch = { method?: string; pathIncludes?: string };

type Armed = { mode: FaultMode; remaining: number; retryAfterSeconds: number; match: FaultMatch };

export type FaultInjector = {
  arm: (provider: SandboxProviderId, mode: FaultMode, count: number, retryAfterSeconds?: number, match?: FaultMatch) => void;
  clear: () => void;
  list: () => Array<{ provider: string } & Armed>;
  /**
   * Applies the armed API fault, if one matches, and returns its mode (null: none). Every mode
   * but `hang_after_apply` answers the request itself; that one lets the provider handle it
   * and holds the response back.
   */
  interceptApi: (provider: SandboxProviderId, req: IncomingMessage, res: ServerResponse) => FaultMode | null;
  /** True when this webhook delivery must carry a wrong signature. */
  takeBadSignature: (provider: SandboxProviderId) => boolean;
};

// Long enough to outlast any client timeout, short enough that a forgotten socket goes away.
const HANG_MS = 120_000;

export function createFaultInjector(): FaultInjector {
  const armed = new Map<SandboxProviderId, Armed>();
  const take = (provider: SandboxProviderId, wanted: (fault: Armed) => boolean): Armed | null => {
    const fault = armed.get(provider);
    if (!fault || !wanted(fault)) return null;
    fault.remaining -= 1;
    if (fault.remaining <= 0) armed.delete(provider);
    return fault;
  };
  return {
    arm: (provider, mode, count, retryAfterSeconds = 1, match = {}) => armed.set(provider, { mode, remaining: count, retryAfterSeconds, match }),
    clear: () => armed.clear(),
    list: () => [...armed.entries()].map(([provider, fault]) => ({ provider, ...fault })),
    interceptApi(provider, req, res) {
      const fault = take(provider, ({ mode, match }) => mode !== "bad_signature" && matches(match, req));
      if (!fault) return null;
      if (fault.mode === "hang_after_apply") withhold(res);
      if (fault.mode === "timeout" || fault.mode === "hang_after_apply") hang(res);
      else if (fault.mode === "rate_limit") sendJson(res, 429, { message: "Too many requests." }, { "retry-after": String(fault.retryAfterSeconds) });
      else sendJson(res, 500, { message: "Internal server error." });
      return fault.mode;
    },
    takeBadSignature: (provider) => take(provider, ({ mode }) => mode === "bad_signature") !== null,
  };
}

function matches(match: FaultMatch, req: IncomingMessage): boolean {
  if (match.method && match.method.toUpperCase() !== req.method) return false;
  return !match.pathIncludes || (req.url ?? "").includes(match.pathIncludes);
}

/** Keeps the socket open without answering until the client gives up (or HANG_MS passes). */
function hang(res: ServerResponse): void {
  const timer = setTimeout(() => res.destroy(), HANG_MS);
  res.on("close", () => clearTimeout(timer));
}

/** The provider's handler still runs in full, but whatever it answers never leaves the sandbox. */
function withhold(res: ServerResponse): void {
  res.writeHead = () => res;
  res.setHeader = () => res;
  res.write = (() => true) as ServerResponse["write"];
  res.end = (() => res) as ServerResponse["end"];
}

/**
 * Changes one character in the middle of every signature header's last segment (the signature
 * part of a JWT, or the whole of a hex digest). The last character would not do: in base64url
 * its low bits can be padding, and flipping them leaves the signature bytes unchanged.
 */
export function corruptSignature(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => {
      if (!/signature/i.test(name) || value.length === 0) return [name, value];
      const i = Math.floor((value.lastIndexOf(".") + 1 + value.length) / 2);
      const swapped = value[i] === "a" ? "b" : "a";
      return [name, `${value.slice(0, i)}${swapped}${value.slice(i + 1)}`];
    }),
  );
}
