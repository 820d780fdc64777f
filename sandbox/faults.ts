import type { ServerResponse } from "node:http";
import { sendJson } from "./http";
import type { SandboxProviderId } from "./provider";

/**
 * Failures tests and demos can ask for, per provider, for the next `count` requests or
 * webhook deliveries: an API that hangs, fails, throttles, or signs webhooks wrongly.
 */
export const FAULT_MODES = ["timeout", "error_500", "rate_limit", "bad_signature"] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

type Armed = { mode: FaultMode; remaining: number; retryAfterSeconds: number };

export type FaultInjector = {
  arm: (provider: SandboxProviderId, mode: FaultMode, count: number, retryAfterSeconds?: number) => void;
  clear: () => void;
  list: () => Array<{ provider: string } & Armed>;
  /** Answers the request with the armed API fault and returns true, or returns false to let it through. */
  interceptApi: (provider: SandboxProviderId, res: ServerResponse) => boolean;
  /** True when this webhook delivery must carry a wrong signature. */
  takeBadSignature: (provider: SandboxProviderId) => boolean;
};

// Long enough to outlast any client timeout, short enough that a forgotten socket goes away.
const HANG_MS = 120_000;

export function createFaultInjector(): FaultInjector {
  const armed = new Map<SandboxProviderId, Armed>();
  const take = (provider: SandboxProviderId, wanted: (mode: FaultMode) => boolean): Armed | null => {
    const fault = armed.get(provider);
    if (!fault || !wanted(fault.mode)) return null;
    fault.remaining -= 1;
    if (fault.remaining <= 0) armed.delete(provider);
    return fault;
  };
  return {
    arm: (provider, mode, count, retryAfterSeconds = 1) => armed.set(provider, { mode, remaining: count, retryAfterSeconds }),
    clear: () => armed.clear(),
    list: () => [...armed.entries()].map(([provider, fault]) => ({ provider, ...fault })),
    interceptApi(provider, res) {
      const fault = take(provider, (mode) => mode !== "bad_signature");
      if (!fault) return false;
      if (fault.mode === "timeout") {
        const timer = setTimeout(() => res.destroy(), HANG_MS);
        res.on("close", () => clearTimeout(timer));
        return true;
      }
      if (fault.mode === "rate_limit") {
        sendJson(res, 429, { message: "Too many requests." }, { "retry-after": String(fault.retryAfterSeconds) });
        return true;
      }
      sendJson(res, 500, { message: "Internal server error." });
      return true;
    },
    takeBadSignature: (provider) => take(provider, (mode) => mode === "bad_signature") !== null,
  };
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
