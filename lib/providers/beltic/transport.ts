import "server-only";
import { ProviderError } from "../errors";
import { createTransport, keyCredentials, withProviderMessage } from "../kit/transport";
import type { Connection, Transport } from "../kit/transport";
import { BelticErrorBody } from "./schemas";

/** Every call with `X-Api-Key`; JSON:API error bodies read back in their own words. */
export function belticTransport(connection: Connection, apiKey: string): Transport {
  return createTransport({
    ...connection,
    provider: "beltic",
    providerName: "Beltic",
    credentials: keyCredentials("beltic", "Beltic", apiKey, (key) => ({ "x-api-key": key })),
    explainError: withErrorDetail,
  });
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
  return detail ? withProviderMessage(error, detail) : error;
}
