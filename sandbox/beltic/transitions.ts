import type { WebhookDelivery } from "../provider";
import { applyStatus, stepsTo, tick } from "./lifecycle";
import type { BelticSessionRecord, BelticState, BelticStatus } from "./types";
import { sessionEvent } from "./webhooks";

/** One status change now, with the webhook Beltic would send for it. */
export function moveTo(state: BelticState, record: BelticSessionRecord, to: BelticStatus): WebhookDelivery {
  const at = tick(state);
  applyStatus(record, to, at);
  return sessionEvent(state, record, `session.${to}`, at);
}

/** Every step from the current status to `to`, one webhook per step. */
export function moveAlong(state: BelticState, record: BelticSessionRecord, to: BelticStatus): WebhookDelivery[] {
  return stepsTo(record.status, to).map((step) => moveTo(state, record, step));
}

export function redact(state: BelticState, record: BelticSessionRecord): WebhookDelivery {
  const at = tick(state);
  record.timestamps.redacted_at = at.toISOString();
  record.timestamps.updated_at = at.toISOString();
  return sessionEvent(state, record, "session.redacted", at);
}
