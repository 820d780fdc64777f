import { createHmac } from "node:crypto";
import { uuidFrom } from "../generate/prng";
import type { WebhookDelivery } from "../provider";
import { sessionDocument } from "./resources";
import type { BelticSessionRecord, BelticState } from "./types";

/**
 * UNCONFIRMED: Beltic documents webhooks for document status changes only. Session events here
 * are a JSON:API `event` resource (name e.g. `session.approved`) whose payload is the session
 * document as GET …?include=documents,verifications returns it; the event id is the dedupe key.
 */
export function sessionEvent(state: BelticState, record: BelticSessionRecord, name: string, at: Date): WebhookDelivery {
  const ctx = { baseUrl: state.publicBaseUrl, mediaSecret: state.mediaSecret };
  const event = {
    data: {
      type: "event",
      id: uuidFrom(state.prng),
      attributes: { name, created_at: at.toISOString(), payload: sessionDocument(record, ctx, ["documents", "verifications"]) },
    },
  };
  const body = Buffer.from(JSON.stringify(event), "utf8");
  return { provider: "beltic", body, headers: signedHeaders(state, body), description: `${name} ${record.id}` };
}

/** Documented: X-Webhook-Signature = HMAC-SHA256 of the body with the webhook secret; X-Webhook-Token as configured. */
export function signedHeaders(state: BelticState, body: Buffer): Record<string, string> {
  const signature = createHmac("sha256", state.webhookSecret).update(body).digest(state.signatureEncoding);
  return {
    "content-type": "application/json",
    "x-webhook-signature": signature,
    ...(state.webhookToken ? { "x-webhook-token": state.webhookToken } : {}),
  };
}
