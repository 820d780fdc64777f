import "server-only";
import { ProviderError } from "../errors";
import { basicAuthorization, createTransport, scrub, withProviderMessage } from "../kit/transport";
import type { Connection, Transport } from "../kit/transport";

export type IdenfyCredentials = { apiKey: string; apiSecret: string };

/**
 * HTTP Basic with the API key and secret. Missing credentials are refused by the adapter's guard
 * (they make every call "not allowed by key"), so none is sent without them.
 */
export function idenfyTransport(connection: Connection, credentials: IdenfyCredentials): Transport {
  const secrets = [credentials.apiKey, credentials.apiSecret].filter((secret) => secret.length >= 4);
  return createTransport({
    ...connection,
    provider: "idenfy",
    providerName: "iDenfy",
    credentials: () => ({ authorization: basicAuthorization(credentials.apiKey, credentials.apiSecret) }),
    explainError: (error) => withProviderText(error, secrets),
  });
}

/**
 * A refusal is only useful to a reviewer with iDenfy's reason ("Token has not expired yet."), so
 * it goes into the message. providerFetch scrubs the Basic header it sent, not the key and secret
 * inside it, so those are scrubbed here in case iDenfy echoes them.
 */
function withProviderText(error: unknown, secrets: string[]): unknown {
  const text = error instanceof ProviderError ? error.options.providerMessage : undefined;
  if (!(error instanceof ProviderError) || text === undefined) return error;
  const scrubbed = scrub(text, secrets);
  const message = error.kind === "rejected" ? `${error.message.replace(/\.$/, "")}: ${scrubbed}` : error.message;
  return withProviderMessage(error, scrubbed, message);
}
