import "server-only";
import type { ZodType } from "zod";
import { ProviderError } from "../errors";
import { providerFetch } from "../http";
import type { HttpMethod } from "../http";
import type { ProviderId } from "../types";

/** The same default as providerFetch, for the calls outside it (media downloads, token requests). */
export const DEFAULT_PROVIDER_TIMEOUT_MS = 15_000;

export type ProviderCall<T> = {
  path: string;
  schema: ZodType<T>;
  method?: HttpMethod;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** 0 for calls that change state: a lost answer must not turn into a second decision. */
  retries?: number;
};

/** One provider's API, credentials attached: what every adapter and its helpers call. */
export type Transport = <T>(call: ProviderCall<T>) => Promise<T>;

export type Connection = { baseUrl: string; timeoutMs?: number; retries?: number };

export type TransportOptions = Connection & {
  provider: ProviderId;
  /** As reviewers read it in error messages ("iDenfy"). */
  providerName: string;
  /** The credential headers for one call; throws ProviderError("auth") when none are configured. */
  credentials: () => Record<string, string> | Promise<Record<string, string>>;
  /** Rewrites a failure with what the provider's own error body says (its error shape is its own). */
  explainError?: (error: unknown) => unknown;
};

export function createTransport(options: TransportOptions): Transport {
  return async (call) => {
    const headers = { ...(await options.credentials()), ...call.headers };
    try {
      return await providerFetch({
        provider: options.provider,
        providerName: options.providerName,
        baseUrl: options.baseUrl,
        path: call.path,
        method: call.method,
        query: call.query,
        headers,
        body: call.body,
        schema: call.schema,
        timeoutMs: options.timeoutMs,
        retries: call.retries ?? options.retries,
      });
    } catch (error) {
      throw options.explainError ? options.explainError(error) : error;
    }
  };
}

/** Credentials from one static key; a missing key is refused before any request. */
export function keyCredentials(provider: ProviderId, providerName: string, key: string, headers: (key: string) => Record<string, string>) {
  return (): Record<string, string> => {
    if (!key) throw new ProviderError(provider, "auth", `No ${providerName} API key is configured.`);
    return headers(key);
  };
}

/** `Basic base64(user:password)`, as HTTP Basic credentials travel. */
export function basicAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, "utf8").toString("base64")}`;
}

/** The same error, with the provider's own words in place of the raw body http.ts kept. */
export function withProviderMessage(error: ProviderError, providerMessage: string, message = error.message): ProviderError {
  return new ProviderError(error.provider, error.kind, message, { ...error.options, providerMessage });
}

/** Some providers echo request values back; a credential never reaches a log or the UI. */
export function scrub(text: string, secrets: readonly string[]): string {
  return secrets.reduce((acc, secret) => acc.split(secret).join("[redacted]"), text);
}
