/**
 * Client-safe types of Verdict's outbound webhook: event names and the admin page's DTOs.
 * No server imports here, so components may import this file.
 */

export const OUTBOUND_EVENT_TYPES = ["decision.confirmed", "decision.recorded", "session.expired", "session.redacted"] as const;
export type OutboundEventType = (typeof OUTBOUND_EVENT_TYPES)[number];

export const DELIVERY_STATES = ["pending", "delivered", "failed"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export type OutboundDeliveryDTO = {
  id: string;
  eventId: string;
  eventType: string;
  session: { id: string; provider: string; providerSessionId: string } | null;
  state: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string;
  deliveredAt: string | null;
};

export type OutboundTargetDTO =
  | { enabled: false; missing: "OUTBOUND_WEBHOOK_URL" | "OUTBOUND_WEBHOOK_SECRET" }
  /** Host only: the path or query may carry a token of the customer's. */
  | { enabled: true; host: string; pollSeconds: number };

export type OutboundOverviewDTO = {
  target: OutboundTargetDTO;
  counts: Record<DeliveryState, number>;
  deliveries: OutboundDeliveryDTO[];
};
