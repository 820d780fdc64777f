import "server-only";
import { ProviderError } from "../errors";
import { parseRetryAfter } from "../http";
import { cachedTokens } from "../kit/tokens";
import type { TokenSource } from "../kit/tokens";
import { basicAuthorization, createTransport, DEFAULT_PROVIDER_TIMEOUT_MS, keyCredentials } from "../kit/transport";
import type { Connection, Transport } from "../kit/transport";
import { DiditTokenResponse } from "./schemas";

export const DIDIT_AUTH_BASE_URL = "https://apx.didit.me";

/** v3 (current): a static `x-api-key`. */
export type DiditV3Credentials = { apiVersion?: "v3"; apiKey: string };

/** v1 (seed 000): client credentials exchanged for a Bearer token. */
export type DiditV1Credentials = {
  apiVersion: "v1";
  clientId: string;
  clientSecret: string;
  /** Didit serves tokens from another host than the API; default https://apx.didit.me. */
  authBaseUrl?: string;
};

export type DiditCredentials = DiditV3Credentials | DiditV1Credentials;

const transportOf = (connection: Connection, credentials: () => Record<string, string>) =>
  createTransport({ ...connection, provider: "didit", providerName: "Didit", credentials });

export function diditTransport(connection: Connection, credentials: DiditCredentials): Transport {
  if (credentials.apiVersion !== "v1") {
    return transportOf(
      connection,
      keyCredentials("didit", "Didit", credentials.apiKey, (key) => ({ "x-api-key": key })),
    );
  }
  const timeoutMs = connection.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS;
  const authBaseUrl = credentials.authBaseUrl ?? DIDIT_AUTH_BASE_URL;
  return bearerTransport(
    connection,
    cachedTokens((issuedAt) => requestToken({ ...credentials, authBaseUrl, timeoutMs }, issuedAt)),
  );
}

/**
 * v1: a Bearer client token. A 401/403 may mean the token was revoked or expired early, so the
 * call is repeated once with a fresh token. Even for a decision that is safe: the provider
 * refused the first attempt before acting on it.
 */
function bearerTransport(connection: Connection, tokens: TokenSource): Transport {
  const withToken = (token: string) => transportOf(connection, () => ({ authorization: `Bearer ${token}` }));
  return async (call) => {
    const token = await tokens.get();
    try {
      return await withToken(token)(call);
    } catch (error) {
      if (!(error instanceof ProviderError) || error.kind !== "auth") throw error;
      tokens.invalidate(token);
      return withToken(await tokens.get())(call);
    }
  };
}

type ClientCredentials = { clientId: string; clientSecret: string; authBaseUrl: string; timeoutMs: number };

/** UNCONFIRMED fallback when Didit omits expires_in/exp; the docs say tokens live 24 h. */
const FALLBACK_LIFETIME_MS = 10 * 60_000;

function lifetimeOf(response: DiditTokenResponse, issuedAt: number): number {
  if (response.expires_in) return response.expires_in * 1000;
  if (response.exp) return Math.max(0, response.exp * 1000 - issuedAt);
  return FALLBACK_LIFETIME_MS;
}

/**
 * Not through providerFetch: the token endpoint takes a form-encoded body, which providerFetch
 * (JSON only) cannot send. Errors are mapped the same way and never carry the credentials.
 */
async function requestToken(credentials: ClientCredentials, issuedAt: number) {
  if (!credentials.clientId || !credentials.clientSecret) {
    throw new ProviderError("didit", "auth", "No Didit client ID and secret are configured.");
  }
  let url: URL;
  try {
    url = new URL(`${credentials.authBaseUrl.replace(/\/+$/, "")}/auth/v2/token/`);
  } catch {
    throw new ProviderError("didit", "unavailable", "The Didit auth base URL is not a valid URL.");
  }
  const response = await fetch(url, {
    method: "POST",
    headers: {
      authorization: basicAuthorization(credentials.clientId, credentials.clientSecret),
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
    },
    body: new URLSearchParams({ grant_type: "client_credentials" }).toString(),
    signal: AbortSignal.timeout(credentials.timeoutMs),
    redirect: "manual",
    cache: "no-store",
  }).catch((error: unknown) => {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    if (timedOut) throw new ProviderError("didit", "timeout", `Didit's token endpoint did not answer within ${credentials.timeoutMs / 1000} s.`);
    throw new ProviderError("didit", "unavailable", "Could not connect to Didit's token endpoint.");
  });
  const text = await response.text().catch(() => "");
  if (!response.ok) throw tokenError(response.status, parseRetryAfter(response.headers.get("retry-after")));
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ProviderError("didit", "invalid_response", "Didit's token endpoint sent a response that is not valid JSON.");
  }
  const parsed = DiditTokenResponse.safeParse(body);
  if (!parsed.success) throw new ProviderError("didit", "invalid_response", "Didit's token endpoint sent no access token.");
  return { token: parsed.data.access_token, lifetimeMs: lifetimeOf(parsed.data, issuedAt) };
}

function tokenError(status: number, retryAfterMs: number | undefined): ProviderError {
  // OAuth servers answer bad client credentials with 400 or 401; either way it is the credentials.
  if (status === 400 || status === 401 || status === 403) {
    return new ProviderError("didit", "auth", `Didit refused the client ID and secret (HTTP ${status}). Check the configured credentials.`, { status });
  }
  if (status === 429) {
    return new ProviderError("didit", "rate_limited", "Didit is limiting token requests.", {
      status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (status >= 500) return new ProviderError("didit", "unavailable", `Didit's token endpoint is unavailable (HTTP ${status}).`, { status });
  return new ProviderError("didit", "invalid_response", `Didit's token endpoint answered with an unexpected HTTP ${status}.`, { status });
}
