import "server-only";
import { ProviderError } from "../errors";
import { parseRetryAfter } from "../http";
import { DiditTokenResponse } from "./schemas";

export type ClientCredentials = {
  clientId: string;
  clientSecret: string;
  /** e.g. https://apx.didit.me — Didit serves tokens from a different host than the API. */
  authBaseUrl: string;
  timeoutMs: number;
};

export type TokenSource = {
  get: () => Promise<string>;
  /** Drops `token` if it is still the cached one (a 401/403 said it is dead). */
  invalidate: (token: string) => void;
};

/** UNCONFIRMED fallback when Didit omits expires_in/exp; the docs say tokens live 24 h. */
const FALLBACK_LIFETIME_MS = 10 * 60_000;
const MAX_EXPIRY_MARGIN_MS = 60_000;

/**
 * v1 client-credentials tokens, cached until shortly before they expire. Concurrent callers
 * share one in-flight request, so a burst of calls costs one token.
 */
export function createTokenSource(credentials: ClientCredentials): TokenSource {
  let cached: { token: string; refreshAt: number } | null = null;
  let inFlight: Promise<string> | null = null;

  const refresh = async (): Promise<string> => {
    const issuedAt = Date.now();
    const response = await requestToken(credentials);
    const lifetimeMs = lifetimeOf(response, issuedAt);
    // Refresh a little early so a token never dies in flight, but never so early that short-lived tokens are never reused.
    cached = { token: response.access_token, refreshAt: issuedAt + lifetimeMs - Math.min(MAX_EXPIRY_MARGIN_MS, lifetimeMs / 10) };
    return response.access_token;
  };

  return {
    get() {
      if (cached && Date.now() < cached.refreshAt) return Promise.resolve(cached.token);
      inFlight ??= refresh().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    invalidate(token) {
      if (cached?.token === token) cached = null;
    },
  };
}

function lifetimeOf(response: DiditTokenResponse, issuedAt: number): number {
  if (response.expires_in) return response.expires_in * 1000;
  if (response.exp) return Math.max(0, response.exp * 1000 - issuedAt);
  return FALLBACK_LIFETIME_MS;
}

/**
 * Not through providerFetch: the token endpoint takes a form-encoded body, which providerFetch
 * (JSON only) cannot send. Errors are mapped the same way and never carry the credentials.
 */
async function requestToken(credentials: ClientCredentials): Promise<DiditTokenResponse> {
  if (!credentials.clientId || !credentials.clientSecret) {
    throw new ProviderError("didit", "auth", "No Didit client ID and secret are configured.");
  }
  const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`, "utf8").toString("base64");
  let url: URL;
  try {
    url = new URL(`${credentials.authBaseUrl.replace(/\/+$/, "")}/auth/v2/token/`);
  } catch {
    throw new ProviderError("didit", "unavailable", "The Didit auth base URL is not a valid URL.");
  }
  const response = await fetch(url, {
    method: "POST",
    headers: {
      authorization: `Basic ${basic}`,
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
  return parsed.data;
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
