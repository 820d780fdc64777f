import { createHash, randomBytes, randomUUID, sign } from "node:crypto";
import type { KeyObject } from "node:crypto";
import type { JsonObject } from "../json";
import type { WebhookDelivery } from "../provider";
import type { BynnState } from "./types";

const TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;

const b64json = (value: object) => Buffer.from(JSON.stringify(value), "utf8").toString("base64url");

/** A compact RS256 JWS, as Bynn signs with its private key. */
export function signJwt(key: KeyObject, payload: object): string {
  const signingInput = `${b64json({ alg: "RS256", typ: "JWT" })}.${b64json(payload)}`;
  return `${signingInput}.${sign("RSA-SHA256", Buffer.from(signingInput, "ascii"), key).toString("base64url")}`;
}

export type WebhookEvent = { eventType: string; at: Date; sessionId: string; resource: JsonObject };

/**
 * One delivery as Bynn sends it: the envelope (with the legacy full-payload `jwt`), and the
 * detached `X-Bynn-Signature` whose sha256 claim binds the exact body bytes.
 */
export function buildDelivery(state: BynnState, event: WebhookEvent): WebhookDelivery {
  const eventId = randomUUID();
  const webhookToken = `whk_${randomBytes(16).toString("hex")}`;
  const iat = Math.floor(state.clock().getTime() / 1000);
  const exp = iat + TOKEN_LIFETIME_SECONDS;
  const envelope = {
    event_id: eventId,
    created_at: event.at.toISOString(),
    event_type: event.eventType,
    resource: event.resource,
    organization: state.organization,
  };
  const legacy = signJwt(state.signingKey, { iss: "bynn.com", sub: eventId, iat, exp, data: envelope });
  const body = Buffer.from(JSON.stringify({ ...envelope, jwt: legacy }), "utf8");
  const sha256 = createHash("sha256").update(body).digest("hex");
  const signature = signJwt(state.signingKey, { iss: "bynn.com", sub: eventId, jti: webhookToken, iat, exp, v: "2", sha256 });
  return {
    provider: "bynn",
    body,
    headers: {
      "content-type": "application/json",
      "user-agent": "Bynn-Webhooks/2.0",
      "x-bynn-signature": signature,
      "idempotency-key": webhookToken,
      "x-webhook-token": webhookToken,
    },
    description: `${event.eventType} ${event.sessionId}`,
  };
}
