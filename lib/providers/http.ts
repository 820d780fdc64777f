import "server-only";
import type { ZodType } from "zod";
import { ProviderError } from "./errors";
import type { ProviderErrorKind } from "./errors";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type ProviderFetchOptions<T> = {
  /** Provider id recorded on ProviderError. */
  provider: string;
  /** Name shown to reviewers in error messages; defaults to `provider`. */
  providerName?: string;
  baseUrl: string;
  /** Appended verbatim to baseUrl (keep provider quirks such as trailing slashes). */
  path: string;
  method?: HttpMethod;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  body?: unknown;
  schema: ZodType<T>;
  /** Per attempt. */
  timeoutMs?: number;
  /** Extra attempts after the first; pass 0 for calls that are not idempotent. */
  retries?: number;
  baseDelayMs?: number;
  /** Longest wait between attempts; a longer Retry-After ends the retries at once. */
  maxRetryWaitMs?: number;
};

type Context = { provider: string; name: string; timeoutMs: number; secrets: string[] };

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_RETRIES = 2;
const DEFAULT_BASE_DELAY_MS = 300;
const DEFAULT_MAX_RETRY_WAIT_MS = 10_000;
const MAX_REDIRECTS = 3;
const MAX_PROVIDER_MESSAGE = 500;

export async function providerFetch<T>(opts: ProviderFetchOptions<T>): Promise<T> {
  const ctx: Context = {
    provider: opts.provider,
    name: opts.providerName ?? opts.provider,
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    secrets: secretsOf(opts.headers),
  };
  const retries = Math.max(0, Math.floor(opts.retries ?? DEFAULT_RETRIES));
  const maxWait = opts.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS;
  const baseDelay = opts.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const url = buildUrl(opts, ctx);
  const init = buildInit(opts);

  for (let attempt = 0; ; attempt++) {
    try {
      return await attemptOnce(url, init, opts.schema, ctx);
    } catch (error) {
      if (!(error instanceof ProviderError) || !error.retryable) throw error;
      const retryAfter = error.options.retryAfterMs;
      if (retryAfter !== undefined && retryAfter > maxWait) throw error;
      if (attempt >= retries) throw error;
      await sleep(retryAfter ?? backoff(attempt, baseDelay, maxWait));
    }
  }
}

async function attemptOnce<T>(url: URL, init: RequestInit, schema: ZodType<T>, ctx: Context): Promise<T> {
  const signal = AbortSignal.timeout(ctx.timeoutMs);
  const response = await send(url, init, signal, ctx);
  const text = await response.text().catch((error: unknown) => {
    throw networkError(error, ctx);
  });
  if (!response.ok) throw httpError(response, text, ctx);
  return parseBody(text, schema, ctx);
}

async function send(url: URL, init: RequestInit, signal: AbortSignal, ctx: Context): Promise<Response> {
  let current = url;
  for (let hop = 0; ; hop++) {
    const response = await fetch(current, { ...init, signal, redirect: "manual", cache: "no-store" }).catch((error: unknown) => {
      throw networkError(error, ctx);
    });
    if (response.status < 300 || response.status > 399) return response;
    const location = response.headers.get("location");
    const next = location ? new URL(location, current) : null;
    await response.body?.cancel();
    // Credentials travel in headers, so a redirect is only followed within the same origin.
    const followable = next !== null && next.origin === url.origin && hop < MAX_REDIRECTS && init.method === "GET";
    if (!followable) {
      throw new ProviderError(ctx.provider, "invalid_response", `${ctx.name} answered with an unexpected redirect.`, {
        status: response.status,
      });
    }
    current = next;
  }
}

function buildUrl(opts: ProviderFetchOptions<unknown>, ctx: Context): URL {
  let url: URL;
  try {
    url = new URL(opts.baseUrl.replace(/\/+$/, "") + opts.path);
  } catch {
    throw new ProviderError(ctx.provider, "unavailable", `The ${ctx.name} base URL is not a valid URL.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ProviderError(ctx.provider, "unavailable", `The ${ctx.name} base URL must use http or https.`);
  }
  for (const [key, value] of Object.entries(opts.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url;
}

function buildInit(opts: ProviderFetchOptions<unknown>): RequestInit {
  const headers: Record<string, string> = { accept: "application/json", ...opts.headers };
  if (opts.body === undefined) return { method: opts.method ?? "GET", headers };
  return {
    method: opts.method ?? "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(opts.body),
  };
}

function parseBody<T>(text: string, schema: ZodType<T>, ctx: Context): T {
  let data: unknown = null;
  if (text.trim() !== "") {
    try {
      data = JSON.parse(text);
    } catch {
      throw new ProviderError(ctx.provider, "invalid_response", `${ctx.name} sent a response that is not valid JSON.`);
    }
  }
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const path = result.error.issues[0]?.path.map(String).join(".");
  const where = path ? ` (at ${path})` : "";
  throw new ProviderError(ctx.provider, "invalid_response", `${ctx.name} sent a response in an unexpected shape${where}.`);
}

function httpError(response: Response, text: string, ctx: Context): ProviderError {
  const status = response.status;
  const kind = kindForStatus(status);
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
  const providerMessage = extractProviderMessage(text, ctx.secrets);
  return new ProviderError(ctx.provider, kind, messageFor(kind, status, ctx.name, retryAfterMs), {
    status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(providerMessage === undefined ? {} : { providerMessage }),
  });
}

function kindForStatus(status: number): ProviderErrorKind {
  if (status === 401 || status === 403) return "auth";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "unavailable";
  if (status >= 400) return "rejected";
  return "invalid_response";
}

function messageFor(kind: ProviderErrorKind, status: number, name: string, retryAfterMs?: number): string {
  switch (kind) {
    case "auth":
      return `${name} refused the API credentials (HTTP ${status}). Check the configured key and its permissions.`;
    case "not_found":
      return `${name} could not find that record (HTTP ${status}).`;
    case "rate_limited": {
      const hint = retryAfterMs === undefined ? "" : `; try again in about ${Math.ceil(retryAfterMs / 1000)} s`;
      return `${name} is limiting the request rate${hint}.`;
    }
    case "unavailable":
      return `${name} is unavailable right now (HTTP ${status}).`;
    case "rejected":
      return `${name} rejected the request (HTTP ${status}).`;
    default:
      return `${name} answered with an unexpected HTTP ${status}.`;
  }
}

function networkError(error: unknown, ctx: Context): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return new ProviderError(ctx.provider, "timeout", `${ctx.name} did not answer within ${ctx.timeoutMs / 1000} s.`);
  }
  const code = errorCode(error);
  const suffix = code ? ` (${code})` : "";
  return new ProviderError(ctx.provider, "unavailable", `Could not connect to ${ctx.name}${suffix}.`);
}

/** undici hides the socket error in `cause`, sometimes inside an AggregateError (IPv4 + IPv6 attempts). */
function errorCode(error: unknown): string | undefined {
  const cause: unknown = error instanceof Error ? error.cause : undefined;
  if (!(cause instanceof Error)) return undefined;
  if ("code" in cause && typeof cause.code === "string") return cause.code;
  if (cause instanceof AggregateError) return errorCode(new Error("", { cause: cause.errors[0] }));
  return undefined;
}

export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - Date.now());
}

function extractProviderMessage(text: string, secrets: string[]): string | undefined {
  const trimmed = text.trim();
  if (trimmed === "" || trimmed.startsWith("<")) return undefined;
  let picked = trimmed;
  try {
    picked = pickMessage(JSON.parse(trimmed)) ?? trimmed;
  } catch {
    // Not JSON: keep the plain text.
  }
  // Some APIs echo request values back; make sure a credential never reaches logs or the UI.
  const scrubbed = secrets.reduce((acc, secret) => acc.split(secret).join("[redacted]"), picked);
  return scrubbed.length > MAX_PROVIDER_MESSAGE ? `${scrubbed.slice(0, MAX_PROVIDER_MESSAGE)}…` : scrubbed;
}

function pickMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body;
  if (typeof body !== "object" || body === null) return undefined;
  for (const key of ["detail", "message", "error"]) {
    const value: unknown = (body as Record<string, unknown>)[key];
    if (typeof value === "string") return value;
    const nested = pickMessage(value);
    if (nested !== undefined && typeof value === "object") return nested;
  }
  return JSON.stringify(body);
}

/** Basic credentials are also scrubbed decoded, in case a provider echoes the user or password. */
function basicParts(value: string): string[] {
  const match = /^Basic\s+(\S+)$/i.exec(value);
  if (!match?.[1]) return [];
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? [decoded] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

function secretsOf(headers: Record<string, string> | undefined): string[] {
  const parts = Object.values(headers ?? {}).flatMap((value) => [value, ...value.split(/\s+/), ...basicParts(value)]);
  return [...new Set(parts.filter((part) => part.length >= 8))].sort((a, b) => b.length - a.length);
}

function backoff(attempt: number, baseDelayMs: number, maxWaitMs: number): number {
  const ceiling = Math.min(maxWaitMs, baseDelayMs * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
