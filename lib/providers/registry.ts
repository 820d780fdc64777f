import "server-only";
import { getEnv, type Env } from "@/lib/env";
import { createBelticAdapter } from "./beltic";
import { createBynnAdapter } from "./bynn";
import { createDiditAdapter } from "./didit";
import { createIdenfyAdapter } from "./idenfy";
import type { ProviderAdapter } from "./types";

/**
 * The only reader of provider credentials. A provider is enabled when its credentials are
 * present; base URLs are configurable so that the sandbox can stand in for the real API.
 */
function buildAdapters(env: Env): ProviderAdapter[] {
  const timeoutMs = env.PROVIDER_TIMEOUT_MS;
  const adapters: ProviderAdapter[] = [];
  const diditV1 = env.DIDIT_API_VERSION === "v1";
  const diditCommon = { baseUrl: env.DIDIT_BASE_URL, timeoutMs, privileges: env.DIDIT_KEY_PRIVILEGES, webhookSecret: env.DIDIT_WEBHOOK_SECRET };
  if (diditV1 && env.DIDIT_CLIENT_ID && env.DIDIT_CLIENT_SECRET) {
    adapters.push(
      createDiditAdapter({
        ...diditCommon,
        apiVersion: "v1",
        clientId: env.DIDIT_CLIENT_ID,
        clientSecret: env.DIDIT_CLIENT_SECRET,
        authBaseUrl: env.DIDIT_AUTH_BASE_URL,
      }),
    );
  } else if (!diditV1 && env.DIDIT_API_KEY) {
    adapters.push(createDiditAdapter({ ...diditCommon, apiKey: env.DIDIT_API_KEY }));
  }
  if (env.BELTIC_API_KEY) {
    adapters.push(
      createBelticAdapter({
        apiKey: env.BELTIC_API_KEY,
        baseUrl: env.BELTIC_BASE_URL,
        scopes: env.BELTIC_KEY_SCOPES,
        timeoutMs,
        webhookSecret: env.BELTIC_WEBHOOK_SECRET,
        webhookToken: env.BELTIC_WEBHOOK_TOKEN,
        signatureEncoding: env.BELTIC_SIGNATURE_ENCODING,
      }),
    );
  }
  if (env.IDENFY_API_KEY && env.IDENFY_API_SECRET) {
    adapters.push(
      createIdenfyAdapter({
        apiKey: env.IDENFY_API_KEY,
        apiSecret: env.IDENFY_API_SECRET,
        baseUrl: env.IDENFY_BASE_URL,
        timeoutMs,
        // Older iDenfy docs sign callbacks with the API secret; newer ones with a per-webhook key.
        webhookSecret: env.IDENFY_WEBHOOK_SECRET ?? env.IDENFY_API_SECRET,
      }),
    );
  }
  if (env.BYNN_API_KEY) {
    adapters.push(createBynnAdapter({ apiKey: env.BYNN_API_KEY, baseUrl: env.BYNN_BASE_URL, timeoutMs, webhookPublicKey: env.BYNN_WEBHOOK_PUBLIC_KEY }));
  }
  return adapters;
}

// Built once per process: adapters hold state worth keeping (Didit v1 token cache).
const holder = globalThis as unknown as { __verdictProviders?: ProviderAdapter[] };

export function getConfiguredProviders(): ProviderAdapter[] {
  holder.__verdictProviders ??= buildAdapters(getEnv());
  return holder.__verdictProviders;
}

export function getProviderAdapter(id: string): ProviderAdapter | undefined {
  return getConfiguredProviders().find((adapter) => adapter.id === id);
}
