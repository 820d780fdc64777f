import type { ProviderMount } from "./router";

/** A signed webhook, ready to POST to Verdict's /api/webhooks/{provider}. */
export type WebhookDelivery = {
  provider: SandboxProviderId;
  body: Buffer;
  headers: Record<string, string>;
  /** What the sandbox did, for logs and the control API (e.g. "status In Review → Approved"). */
  description: string;
};

export type SandboxProviderId = "didit" | "beltic" | "idenfy" | "bynn";

/**
 * One fake provider. Besides its HTTP mount it can change its sessions the way the real
 * provider would (applicant progress, the provider's own review), returning the webhooks the
 * real provider would send. Signing happens inside: the fault layer may corrupt it afterwards.
 */
export type SandboxProvider = {
  id: SandboxProviderId;
  mount: ProviderMount;
  /** Provider session ids, newest first. */
  sessionIds: () => string[];
  /** The raw status of one session, or null if unknown. */
  statusOf: (sessionId: string) => string | null;
  /** Every raw status this provider has, for the control API's validation. */
  statuses: readonly string[];
  /** Moves a session to `status` as the provider would, or returns null for an unknown session or status. */
  setStatus: (sessionId: string, status: string) => WebhookDelivery[] | null;
  /** A new session in the provider's first status (demo mode keeps the queue alive with these). */
  createSession: () => { sessionId: string; deliveries: WebhookDelivery[] };
  /** Moves one unfinished session a step along its lifecycle; [] when nothing is left to move. */
  advanceRandom: (random: () => number) => WebhookDelivery[];
  /**
   * For providers without a list API (Bynn): the latest webhook of every session, as it was sent
   * when the session got there, so a receiver that starts after the sandbox catches up.
   */
  replay?: () => WebhookDelivery[];
};
