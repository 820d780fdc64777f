import "server-only";
import { Webhook } from "standardwebhooks";
import { outboundSecretSchema } from "./secret";

export type SignedMessage = { id: string; timestamp: Date; body: string };
export type Signer = (message: SignedMessage) => Record<string, string>;

/**
 * Standard Webhooks headers for one attempt: `webhook-id` stays the same across retries (the
 * receiver dedupes on it), `webhook-timestamp` is this attempt's time in Unix seconds, and
 * `webhook-signature` is `v1,` + base64 HMAC-SHA256 over "{id}.{timestamp}.{body}" keyed with the
 * base64-decoded part of the `whsec_` secret (the maintained `standardwebhooks` package).
 * Throws before anything is sent when the secret is malformed, so no attempt is wasted on it.
 */
export function createSigner(secret: string): Signer {
  if (!outboundSecretSchema.safeParse(secret).success) {
    throw new Error("OUTBOUND_WEBHOOK_SECRET must be whsec_ followed by the base64 of 24 to 64 random bytes");
  }
  const webhook = new Webhook(secret);
  return ({ id, timestamp, body }) => ({
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": webhook.sign(id, timestamp, body),
  });
}
