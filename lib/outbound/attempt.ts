import "server-only";
import type { Signer } from "./signing";

export type AttemptResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

export type AttemptRequest = {
  url: string;
  /** Only to keep it out of stored errors: signing is `sign`'s job. */
  secret: string;
  sign: Signer;
  eventId: string;
  body: string;
  timestamp: Date;
  timeoutMs: number;
  fetchImpl: typeof fetch;
};

const EXCERPT_CHARS = 200;

/** The first few hundred bytes of a failed response, on one line: enough to diagnose, not a copy. */
async function bodyExcerpt(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < EXCERPT_CHARS * 4) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A body cut off mid-way still gives its status; the excerpt is only a courtesy.
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  return text
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, EXCERPT_CHARS);
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `Timed out after ${timeoutMs / 1000} s`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (typeof cause?.code === "string") return `Network error: ${cause.code}`;
  const message = typeof cause?.message === "string" ? cause.message : error instanceof Error ? error.message : String(error);
  return `Network error: ${message}`;
}

/** Removes the secret and any URL from anything stored or shown (the target's path or query may carry a token). */
function scrub(text: string, { url, secret }: Pick<AttemptRequest, "url" | "secret">): string {
  return text
    .split(secret)
    .join("[secret]")
    .split(url)
    .join("[target]")
    .replace(/\bhttps?:\/\/\S+/gi, "[url]");
}

/**
 * One signed POST. Redirects are not followed (a 3xx is a failed attempt), as Standard Webhooks
 * senders do, so the signed body never travels somewhere the admin did not configure.
 */
export async function attemptDelivery(request: AttemptRequest): Promise<AttemptResult> {
  const headers = {
    "content-type": "application/json",
    "user-agent": "Verdict-Webhooks/1",
    ...request.sign({ id: request.eventId, timestamp: request.timestamp, body: request.body }),
  };
  try {
    const response = await request.fetchImpl(request.url, {
      method: "POST",
      headers,
      body: request.body,
      redirect: "manual",
      cache: "no-store",
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    if (response.status >= 200 && response.status < 300) {
      void response.body?.cancel().catch(() => undefined);
      return { ok: true, status: response.status };
    }
    const excerpt = await bodyExcerpt(response);
    return { ok: false, status: response.status, error: scrub(`HTTP ${response.status}${excerpt ? `: ${excerpt}` : ""}`, request) };
  } catch (error) {
    return { ok: false, status: null, error: scrub(describeFailure(error, request.timeoutMs), request).slice(0, EXCERPT_CHARS + 40) };
  }
}
