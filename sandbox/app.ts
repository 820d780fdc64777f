import http from "node:http";
import { createBelticProvider, type BelticSandboxProvider } from "./beltic";
import { createBynnProvider, type BynnSandboxProvider } from "./bynn";
import { handleControl, type ControlContext } from "./control";
import { createDeliverer, type Deliverer } from "./deliver";
import { createDiditProvider, type DiditSandboxProvider } from "./didit";
import { createFaultInjector, type FaultInjector } from "./faults";
import { createPrng } from "./generate/prng";
import { createIdenfyProvider, type IdenfySandboxProvider } from "./idenfy";
import type { SandboxProvider, SandboxProviderId } from "./provider";
import { createRequestLog, type RequestLog } from "./request-log";
import { createRouter } from "./router";

/** Each provider is served only when its credentials are given. */
export type SandboxConfig = {
  /** Same seed (and same `now`) → same sessions. */
  seed?: number;
  sessionCount?: number;
  now?: Date;
  /** Verdict's webhook base, e.g. http://127.0.0.1:3000/api/webhooks; without it webhooks are only logged. */
  webhookTarget?: string;
  /** This sandbox's own address, for links inside webhooks (defaults to http://127.0.0.1:4010). */
  publicBaseUrl?: string;
  deliveryRetryDelayMs?: number;
  didit?: { apiKey: string; webhookSecret: string; clientId?: string; clientSecret?: string; webhookVersion?: "v1" | "v3" };
  beltic?: { apiKey: string; webhookSecret: string; scopes?: readonly string[] };
  idenfy?: { apiKey: string; apiSecret: string; webhookSecret?: string };
  bynn?: { apiKey: string; webhookPrivateKey?: string };
};

export type Sandbox = {
  server: http.Server;
  providers: Map<SandboxProviderId, SandboxProvider>;
  faults: FaultInjector;
  deliverer: Deliverer;
  requests: RequestLog;
  didit?: DiditSandboxProvider;
  beltic?: BelticSandboxProvider;
  idenfy?: IdenfySandboxProvider;
  bynn?: BynnSandboxProvider;
};

export const DEFAULT_SEED = 20_240_601;
export const DEFAULT_SESSION_COUNT = 40;

/** Fake provider APIs, one mount per provider, so adapters only swap base URL and credentials. */
export function createSandbox(config: SandboxConfig): Sandbox {
  const seed = config.seed ?? DEFAULT_SEED;
  const common = { seed, sessionCount: config.sessionCount ?? DEFAULT_SESSION_COUNT, now: config.now ?? new Date() };
  const base = config.publicBaseUrl ?? "http://127.0.0.1:4010";
  const faults = createFaultInjector();
  const deliverer = createDeliverer(config.webhookTarget, faults, config.deliveryRetryDelayMs);
  // Webhooks caused by API calls (a decision, a cancel) go out like any other.
  const onWebhook = (deliveries: Parameters<Deliverer["deliver"]>[0]) => void deliverer.deliver(deliveries);

  const didit = config.didit && createDiditProvider({ ...config.didit, seed, count: common.sessionCount, now: common.now, onWebhook });
  const beltic =
    config.beltic &&
    createBelticProvider({ ...config.beltic, ...common, seed: seed + 1, publicBaseUrl: `${base}/beltic`, onDelivery: (delivery) => onWebhook([delivery]) });
  const idenfy = config.idenfy && createIdenfyProvider({ ...config.idenfy, ...common, seed: seed + 2, publicBaseUrl: `${base}/idenfy` });
  const bynn = config.bynn && createBynnProvider({ ...config.bynn, ...common, seed: seed + 3, publicBaseUrl: `${base}/bynn`, onWebhook });

  const providers = new Map<SandboxProviderId, SandboxProvider>();
  for (const provider of [didit, beltic, idenfy, bynn]) if (provider) providers.set(provider.id, provider);
  const requests = createRequestLog();
  const control: ControlContext = { providers, faults, deliverer, requests, random: createPrng(seed ^ 0x7e57).next };
  const server = http.createServer(
    createRouter(
      [...providers.values()].map((p) => p.mount),
      { faults, requests, control: (req, res, url) => handleControl(control, req, res, url) },
    ),
  );
  return { server, providers, faults, deliverer, requests, didit, beltic, idenfy, bynn };
}
