import type { Person } from "../generate/people";
import type { Prng } from "../generate/prng";
import type { JsonObject } from "../json";
import type { WebhookDelivery } from "../provider";
import type { Issue, Stage } from "./scenarios";

/** Didit's session statuses, verbatim and case-sensitive (`Kyc Expired` has one capital K). */
export const DIDIT_STATUSES = [
  "Not Started",
  "In Progress",
  "Approved",
  "Declined",
  "In Review",
  "Expired",
  "Abandoned",
  "Kyc Expired",
  "Resubmitted",
  "Awaiting User",
] as const;
export type DiditStatus = (typeof DIDIT_STATUSES)[number];

export function isDiditStatus(value: unknown): value is DiditStatus {
  return typeof value === "string" && (DIDIT_STATUSES as readonly string[]).includes(value);
}

export type DiditSessionRecord = {
  sessionId: string;
  sessionNumber: number;
  vendorData: string | null;
  /** What the generator set up (e.g. "In Review:dob_mismatch"), for tests and debugging. */
  scenario: string;
  /**
   * The v3 decision body. Its `status` is the session's one and only status (read it with
   * statusOf). Media fields hold "@media/<name>" and are signed per request.
   */
  decision: JsonObject;
  /** How far the applicant got, which decides the feature blocks the decision carries. */
  stage: Stage;
  /** Problems this applicant's data has, found once the flow completes (set up at creation). */
  issues: Issue[];
  /** Who the applicant is, kept so later steps can fill in feature blocks consistently. */
  person: Person;
  created: Date;
  /** Didit throttles resubmissions per session (429 within 30 s). */
  lastResubmitAt: number | null;
};

export type DiditState = {
  apiKey: string;
  mediaSecret: string;
  webhookSecret: string;
  /** v1 client credentials; null refuses every token request. */
  clientId: string | null;
  clientSecret: string | null;
  /** Issued v1 Bearer tokens → expiry (ms since epoch). */
  tokens: Map<string, number>;
  applicationId: string;
  workflowId: string;
  /**
   * The webhook generation this account gets: "v3" (event_id, webhook_type, v3 decision) or
   * "v1" (Didit's published v1 payloads: no event_id or webhook_type, v1 decision blocks).
   */
  webhookVersion: "v1" | "v3";
  /** Drives sessions created or moved after start-up (seeded, so a run can be replayed). */
  prng: Prng;
  sessions: DiditSessionRecord[];
  /** The address clients last used, so webhook decisions carry media links that work. */
  publicBaseUrl: string;
  /** Webhooks caused by API calls (update-status); the sandbox host sends them on. */
  emit: (deliveries: WebhookDelivery[]) => void;
};

export function statusOf(record: DiditSessionRecord): DiditStatus {
  const status = record.decision.status;
  return isDiditStatus(status) ? status : "Not Started";
}

export function findSession(state: DiditState, sessionId: string): DiditSessionRecord | null {
  return state.sessions.find((session) => session.sessionId === sessionId) ?? null;
}
