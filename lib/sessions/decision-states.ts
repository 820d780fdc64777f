/**
 * A decision's journey (decisions.state, typed with this list in db/schema/decisions.ts):
 * requested → sent → confirmed | failed, or `recorded` where the provider has no decision API.
 * Pure and client-safe.
 */
export const DECISION_STATES = ["requested", "sent", "confirmed", "failed", "recorded"] as const;
export type DecisionState = (typeof DECISION_STATES)[number];
