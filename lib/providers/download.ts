import "server-only";
import { ProviderError } from "./errors";
import type { ProviderErrorKind } from "./errors";
import type { MediaFile, ProviderId } from "./types";

export type DownloadOptions = {
  provider: ProviderId;
  /** Who serves the file, as a reviewer reads it: "Didit's media storage". */
  source: string;
  /** For the whole download, body included. */
  timeoutMs: number;
  maxBytes?: number;
};

export const MAX_MEDIA_BYTES = 25 * 1024 * 1024;
// Files reach the browser through Verdict's media route, so only types that cannot run script (no SVG, no HTML).
const SAFE_TYPES = new Set(["image/png", "image/jpeg", "image/webp", "image/gif", "image/heic", "image/heif", "application/pdf"]);
// Storage that lost the uploader's type answers with one of these; the first bytes then decide.
const UNTYPED = new Set(["", "application/octet-stream", "binary/octet-stream"]);

/**
 * Downloads a presigned link resolved moments ago. The signature in the URL is the credential, so
 * nothing else travels with it, and neither the URL nor its query ever reaches an error.
 */
export async function downloadPresigned(url: string, options: DownloadOptions): Promise<MediaFile> {
  const target = parseLink(url, options);
  // Not following redirects keeps the download on the host the provider signed for (no hop into our network).
  const init: RequestInit = { signal: AbortSignal.timeout(options.timeoutMs), redirect: "manual", credentials: "omit", cache: "no-store" };
  const response = await fetch(target, init).catch((error: unknown) => {
    if (isTimeout(error)) throw fail(options, "timeout", `${options.source} did not answer within ${seconds(options)} s.`);
    throw fail(options, "unavailable", `Could not connect to ${options.source}.`);
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw statusError(response.status, options);
  }
  const declared = (response.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const unsafe = () => fail(options, "invalid_response", `${options.source} sent a file type Verdict does not display.`);
  if (!SAFE_TYPES.has(declared) && !UNTYPED.has(declared)) {
    await response.body?.cancel();
    throw unsafe();
  }
  const body = await readLimited(response, options);
  const contentType = SAFE_TYPES.has(declared) ? declared : sniff(body);
  if (!contentType) throw unsafe();
  return { contentType, body };
}

function parseLink(url: string, options: DownloadOptions): URL {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw fail(options, "invalid_response", `The link to ${options.source} is not a valid URL.`);
  }
  if (target.protocol !== "https:" && target.protocol !== "http:") {
    throw fail(options, "invalid_response", `The link to ${options.source} is not http(s).`);
  }
  if (target.username || target.password) {
    throw fail(options, "invalid_response", `The link to ${options.source} carries a user name or password.`);
  }
  return target;
}

function statusError(status: number, options: DownloadOptions): ProviderError {
  const { source } = options;
  if (status >= 300 && status < 400) {
    return fail(options, "invalid_response", `${source} answered with a redirect, which Verdict does not follow.`, status);
  }
  if (status === 404 || status === 410) return fail(options, "not_found", `${source} has no such file (HTTP ${status}).`, status);
  if (status === 429) return fail(options, "rate_limited", `${source} is limiting the request rate.`, status);
  // A refused fresh link (expired signature, clock skew) is worth another try, which resolves a new link.
  return fail(options, "unavailable", `${source} refused the file (HTTP ${status}).`, status);
}

async function readLimited(response: Response, options: DownloadOptions): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? MAX_MEDIA_BYTES;
  const tooLarge = () => fail(options, "invalid_response", `The file from ${options.source} is larger than Verdict accepts.`);
  if (Number(response.headers.get("content-length") ?? "0") > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      total += chunk.value.byteLength;
      // The declared length may be missing or wrong, so the bytes themselves are counted too.
      if (total > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(chunk.value);
    }
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    if (isTimeout(error)) throw fail(options, "timeout", `The download from ${options.source} did not finish within ${seconds(options)} s.`);
    throw fail(options, "unavailable", `The download from ${options.source} broke off.`);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** Only recognises types that cannot run script; anything else stays unknown. */
function sniff(body: Uint8Array): string | null {
  const starts = (...bytes: number[]) => bytes.every((byte, index) => body[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x25, 0x50, 0x44, 0x46)) return "application/pdf";
  return null;
}

function fail(options: DownloadOptions, kind: ProviderErrorKind, message: string, status?: number): ProviderError {
  return new ProviderError(options.provider, kind, message, status === undefined ? {} : { status });
}

const isTimeout = (error: unknown) => error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
const seconds = (options: DownloadOptions) => options.timeoutMs / 1000;
