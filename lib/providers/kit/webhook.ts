import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { WebhookPayloadError } from "../types";

const SHA256_BYTES = 32;

/** A hex SHA-256 digest (64 hex digits) as bytes; null for anything else. */
export function hexDigest(value: string): Buffer | null {
  return /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, "hex") : null;
}

/** HMAC-SHA256 of `signed` against the digest a provider sent, in constant time. */
export function hmacSha256Matches(secret: string, signed: Uint8Array, given: Buffer): boolean {
  if (given.length !== SHA256_BYTES) return false;
  return timingSafeEqual(createHmac("sha256", secret).update(signed).digest(), given);
}

export type BodyMessages = { notUtf8: string; notJson: string };

/**
 * A webhook body as JSON. "strict" refuses bytes that are not UTF-8; "lenient" reads them with
 * replacement characters, for providers whose parser has always done so (Bynn).
 */
export function readJsonBody(rawBody: Uint8Array, messages: BodyMessages, utf8: "strict" | "lenient" = "strict"): unknown {
  let text: string;
  try {
    // Lenient reading keeps a byte-order mark, as Buffer#toString does, so such a body stays refused as before.
    text = new TextDecoder("utf-8", { fatal: utf8 === "strict", ignoreBOM: utf8 === "lenient" }).decode(rawBody);
  } catch {
    throw new WebhookPayloadError(messages.notUtf8);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new WebhookPayloadError(messages.notJson);
  }
}

/** The body as JSON, or undefined where it is not: for checks that run before the parser. */
export function tryJsonBody(rawBody: Uint8Array, utf8: "strict" | "lenient" = "strict"): unknown {
  try {
    return readJsonBody(rawBody, { notUtf8: "", notJson: "" }, utf8);
  } catch {
    return undefined;
  }
}
