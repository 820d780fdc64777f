import "server-only";
import type { ZodType } from "zod";
import { ProviderError } from "../errors";
import { providerFetch } from "../http";
import type { HttpMethod } from "../http";
import type { TokenSource } from "./token";

export type DiditCall<T> = {
  path: string;
  schema: ZodType<T>;
  method?: HttpMethod;
  query?: Record<string, number>;
  body?: unknown;
  retries?: number;
};

export type DiditTransport = <T>(call: DiditCall<T>) => Promise<T>;

type Connection = { baseUrl: string; timeoutMs?: number; retries?: number };

function send<T>(connection: Connection, call: DiditCall<T>, headers: Record<string, string>): Promise<T> {
  return providerFetch({
    provider: "didit",
    providerName: "Didit",
    baseUrl: connection.baseUrl,
    path: call.path,
    method: call.method,
    query: call.query,
    body: call.body,
    headers,
    schema: call.schema,
    timeoutMs: connection.timeoutMs,
    retries: call.retries ?? connection.retries,
  });
}

/** v3: a static `x-api-key`. */
export function apiKeyTransport(connection: Connection, apiKey: string): DiditTransport {
  return (call) => {
    if (!apiKey) return Promise.reject(new ProviderError("didit", "auth", "No Didit API key is configured."));
    return send(connection, call, { "x-api-key": apiKey });
  };
}

/**
 * v1: a Bearer client token. A 401/403 may mean the token was revoked or expired early, so the
 * call is repeated once with a fresh token. Even for a decision that is safe: the provider
 * refused the first attempt before acting on it.
 */
export function bearerTransport(connection: Connection, tokens: TokenSource): DiditTransport {
  return async (call) => {
    const token = await tokens.get();
    try {
      return await send(connection, call, { authorization: `Bearer ${token}` });
    } catch (error) {
      if (!(error instanceof ProviderError) || error.kind !== "auth") throw error;
      tokens.invalidate(token);
      const fresh = await tokens.get();
      return send(connection, call, { authorization: `Bearer ${fresh}` });
    }
  };
}
