import "server-only";
import type { ZodType } from "zod";
import { ProviderError } from "../errors";
import { providerFetch } from "../http";
import type { HttpMethod } from "../http";
import { BelticErrorBody } from "./schemas";

export type BelticClientOptions = { apiKey: string; baseUrl: string; timeoutMs?: number; retries?: number };

export type BelticCall<T> = {
  path: string;
  schema: ZodType<T>;
  method?: HttpMethod;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** 0 for calls that change state: a lost answer must not turn into a second decision. */
  retries?: number;
};

export type BelticRequest = <T>(call: BelticCall<T>) => Promise<T>;

export function createBelticClient(options: BelticClientOptions): BelticRequest {
  return async (call) => {
    if (!options.apiKey) throw new ProviderError("beltic", "auth", "No Beltic API key is configured.");
    try {
      return await providerFetch({
        provider: "beltic",
        providerName: "Beltic",
        baseUrl: options.baseUrl,
        path: call.path,
        method: call.method,
        query: call.query,
        headers: { "x-api-key": options.apiKey, ...call.headers },
        body: call.body,
        schema: call.schema,
        timeoutMs: options.timeoutMs,
        retries: call.retries ?? options.retries,
      });
    } catch (error) {
      throw withErrorDetail(error);
    }
  };
}

/**
 * http.ts reads `detail`/`message`/`error` at the top level; JSON:API puts them in `errors[]`, so
 * the whole body arrives as providerMessage. Replace it with the errors' own words (already
 * scrubbed of the key by http.ts).
 */
function withErrorDetail(error: unknown): unknown {
  if (!(error instanceof ProviderError) || !error.options.providerMessage) return error;
  let body: unknown;
  try {
    body = JSON.parse(error.options.providerMessage);
  } catch {
    return error;
  }
  const parsed = BelticErrorBody.safeParse(body);
  if (!parsed.success) return error;
  const detail = parsed.data.errors
    .map((item) => item.detail ?? item.title ?? item.code)
    .filter((text): text is string => Boolean(text))
    .join(" ");
  if (!detail) return error;
  return new ProviderError(error.provider, error.kind, error.message, { ...error.options, providerMessage: detail });
}
