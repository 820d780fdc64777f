import { createHmac } from "node:crypto";
import type { WebhookDelivery } from "../provider";
import { webhookPayload } from "./render";
import type { IdenfyRecord, IdenfyState } from "./types";

export type IdenfyEventType =
  "IDENTIFICATION_AUTO_FINISHED" | "IDENTIFICATION_MANUAL_FINISHED" | "IDENTIFICATION_EXPIRED" | "IDENTIFICATION_CANCELLED" | "IDENTIFICATION_RESUBMITTED";

/**
 * One callback as iDenfy sends it: the IdentificationWebhook JSON (non-ASCII as is), the event
 * in Idenfy-Event-Type and Idenfy-Signature = hex HMAC-SHA256 of the exact body bytes. No timestamp
 * header: iDenfy has none.
 */
export function identificationWebhook(state: IdenfyState, record: IdenfyRecord, eventType: IdenfyEventType, from: string): WebhookDelivery {
  const final = record.final ?? eventType !== "IDENTIFICATION_RESUBMITTED";
  const body = Buffer.from(JSON.stringify(webhookPayload(state, record, final)), "utf8");
  return {
    provider: "idenfy",
    body,
    headers: {
      "content-type": "application/json",
      "idenfy-event-type": eventType,
      "idenfy-signature": createHmac("sha256", state.webhookSecret).update(body).digest("hex"),
    },
    description: `idenfy ${record.scanRef}: ${from} → ${record.status} (${eventType}, final: ${String(final)})`,
  };
}
