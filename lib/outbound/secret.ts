import { z } from "zod";

const PREFIX = "whsec_";

/**
 * The signing secret as Standard Webhooks writes it: `whsec_` + base64 of 24–64 random bytes.
 * Pure (no env, no server import) so that lib/env.ts can validate OUTBOUND_WEBHOOK_SECRET with it.
 */
export const outboundSecretSchema = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, { error: "must be `whsec_` followed by base64" })
  .refine((value) => secretKeyBytes(value).length >= 24 && secretKeyBytes(value).length <= 64, {
    error: "must encode 24 to 64 random bytes",
  });

/** The HMAC key: the base64-decoded part after `whsec_`. */
function secretKeyBytes(secret: string): Buffer {
  return Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
}
