import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Transaction } from "@/db/client";
import { outboundDeliveries } from "@/db/schema";
import { OUTBOUND_EVENT_TYPES, type OutboundEventType } from "./types";

/**
 * What an event says. Ids, codes and statuses only: never names, document data or the
 * reviewer's comment (free text that may hold personal data), because the payload leaves Verdict
 * and outlives redaction. Unknown keys are dropped, so passing a whole row leaks nothing.
 */
const OutboundEventData = z.object({
  sessionId: z.uuid(),
  provider: z.string().min(1),
  providerSessionId: z.string().min(1),
  action: z.string().min(1),
  reasonCode: z.string().nullable(),
  decisionId: z.uuid().nullable(),
  /** The deciding user's id (not their e-mail); null when the provider or the system acted. */
  decidedBy: z.uuid().nullable(),
  /** The session's common status after the change. */
  status: z.string().min(1),
});
export type OutboundEventData = z.input<typeof OutboundEventData>;

const OutboundEvent = z
  .object({ type: z.enum(OUTBOUND_EVENT_TYPES), data: OutboundEventData })
  .refine((event) => !event.type.startsWith("decision.") || event.data.decisionId !== null, {
    error: "decision events need the decision id",
  });
export type OutboundEvent = { type: OutboundEventType; data: OutboundEventData };

/**
 * Derived from what is announced, so that announcing the same thing twice (a reconciler
 * confirming a decision a second time) yields one delivery, and receivers see one `webhook-id`.
 */
function eventIdFor(type: OutboundEventType, data: z.output<typeof OutboundEventData>): string {
  const subject = data.decisionId ?? data.sessionId;
  return `msg_${createHash("sha256").update(`${type}:${subject}`).digest("hex").slice(0, 32)}`;
}

/**
 * Queues one event inside the caller's transaction: the delivery exists if and only if the
 * change it announces commits. The worker (deliver.ts) sends it after the commit.
 */
export async function enqueueOutboundEvent(tx: Transaction, event: OutboundEvent, now: Date = new Date()): Promise<{ eventId: string; enqueued: boolean }> {
  const { type, data } = OutboundEvent.parse(event);
  const eventId = eventIdFor(type, data);
  const inserted = await tx
    .insert(outboundDeliveries)
    .values({ eventId, eventType: type, payload: { type, timestamp: now.toISOString(), data }, nextAttemptAt: now, createdAt: now })
    .onConflictDoNothing({ target: outboundDeliveries.eventId })
    .returning({ id: outboundDeliveries.id });
  return { eventId, enqueued: inserted.length > 0 };
}
