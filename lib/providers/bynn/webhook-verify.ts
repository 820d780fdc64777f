import "server-only";
import { createHash, createPublicKey, timingSafeEqual } from "node:crypto";
import { errors as joseErrors, importSPKI, jwtVerify } from "jose";
import type { CryptoKey } from "jose";
import type { WebhookHeaders, WebhookVerification } from "../types";

/*
 * Trust boundary. `X-Bynn-Signature` is a detached RS256 JWT made with Bynn's private key:
 * iss "bynn.com", sub = event_id, jti = the webhook token (= Idempotency-Key), iat, exp (iat + 24 h),
 * v "2", sha256 = hex SHA-256 of the exact raw body. Only Bynn's published public key can verify it.
 * [providers.md §4.7]
 */

export type BynnWebhookVerifierOptions = {
  /** Bynn's RSA public key as PEM (SPKI "PUBLIC KEY", PKCS#1 "RSA PUBLIC KEY" or an X.509 certificate). */
  publicKeyPem: string;
  /** Clock skew allowed on iat/exp; Bynn re-signs every attempt, so little is needed. */
  clockToleranceSeconds?: number;
};

const ISSUER = "bynn.com";
const SHA256_HEX = /^[0-9a-f]{64}$/;
const DEFAULT_CLOCK_TOLERANCE_SECONDS = 60;

export function createBynnWebhookVerifier(options: BynnWebhookVerifierOptions) {
  const key = importBynnPublicKey(options.publicKeyPem);
  const clockTolerance = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;

  return async function verify(rawBody: Uint8Array, headers: WebhookHeaders, now: Date): Promise<WebhookVerification> {
    const token = headers.get("x-bynn-signature")?.trim();
    if (!token) return { ok: false, reason: "missing X-Bynn-Signature header" };

    let claims: Record<string, unknown>;
    try {
      const verified = await jwtVerify(token, await key, {
        algorithms: ["RS256"],
        issuer: ISSUER,
        currentDate: now,
        clockTolerance,
        requiredClaims: ["iat", "exp", "sub"],
      });
      claims = verified.payload;
    } catch (error) {
      return { ok: false, reason: reasonFor(error) };
    }

    const claimed = typeof claims.sha256 === "string" ? claims.sha256.toLowerCase() : "";
    if (!SHA256_HEX.test(claimed)) return { ok: false, reason: "signature has no sha256 claim" };
    const actual = createHash("sha256").update(rawBody).digest();
    if (!timingSafeEqual(actual, Buffer.from(claimed, "hex"))) return { ok: false, reason: "body digest does not match" };

    // The digest already binds the body; these bind the envelope and the dedupe key to the token,
    // so a replayed body cannot pass as a different event or slip past deduplication.
    const eventId = eventIdOf(rawBody);
    if (eventId !== null && claims.sub !== eventId) return { ok: false, reason: "sub does not match event_id" };
    const idempotencyKey = headers.get("idempotency-key");
    if (idempotencyKey && typeof claims.jti === "string" && claims.jti !== idempotencyKey) {
      return { ok: false, reason: "jti does not match Idempotency-Key" };
    }
    return { ok: true };
  };
}

/** Normalises any PEM form to SPKI once, so a bad key fails at start-up, not on the first webhook. */
function importBynnPublicKey(pem: string): Promise<CryptoKey> {
  let spki: string;
  try {
    const keyObject = createPublicKey(pem);
    if (keyObject.asymmetricKeyType !== "rsa") throw new Error("not RSA");
    spki = keyObject.export({ type: "spki", format: "pem" }).toString();
  } catch {
    throw new Error("The Bynn webhook public key is not a valid RSA public key in PEM form.");
  }
  return importSPKI(spki, "RS256");
}

/** null when the body is not a JSON object with an event_id; parse() then rejects the shape. */
function eventIdOf(rawBody: Uint8Array): string | null {
  try {
    const body: unknown = JSON.parse(Buffer.from(rawBody).toString("utf8"));
    if (typeof body !== "object" || body === null) return null;
    const eventId = (body as Record<string, unknown>).event_id;
    return typeof eventId === "string" ? eventId : null;
  } catch {
    return null;
  }
}

function reasonFor(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return "signature token has expired";
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `signature claim "${error.claim}" is not valid`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "signature does not verify with the Bynn public key";
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return "signature algorithm is not RS256";
  return "signature is not a valid JWT";
}
