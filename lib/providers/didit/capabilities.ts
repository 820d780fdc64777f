import "server-only";
import { ProviderError } from "../errors";
import type { Capabilities, ProviderAction } from "../types";

export const DIDIT_PRIVILEGES = ["read:sessions", "write:sessions", "delete:sessions"] as const;
export type DiditPrivilege = (typeof DIDIT_PRIVILEGES)[number];
export type DiditApiVersion = "v3" | "v1";

const PRIVILEGE_FOR: Record<ProviderAction, DiditPrivilege | null> = {
  list: "read:sessions",
  get: "read:sessions",
  media: "read:sessions",
  approve: "write:sessions",
  decline: "write:sessions",
  resubmit: "write:sessions",
  redact: "delete:sessions",
  expire: null,
};

/*
 * Didit sets Expired/Abandoned/Kyc Expired itself: no version has an endpoint to expire a session.
 * v1 (seed 000) only documents the decision read and update-status with Approved/Declined; no list
 * endpoint (UNCONFIRMED) and no delete endpoint were found for it.
 */
const OFFERED: Record<DiditApiVersion, Record<ProviderAction, boolean>> = {
  v3: { list: true, get: true, approve: true, decline: true, resubmit: true, expire: false, redact: true, media: true },
  v1: { list: false, get: true, approve: true, decline: true, resubmit: false, expire: false, redact: false, media: true },
};

const UNSUPPORTED: Record<ProviderAction, string> = {
  list: "Didit's v1 API has no endpoint to list sessions; sessions arrive by webhook or by id.",
  get: "Didit does not offer reading sessions.",
  approve: "Didit does not offer approving sessions.",
  decline: "Didit does not offer declining sessions.",
  resubmit: "Didit's v1 API cannot request a resubmission (only Approved and Declined); use the v3 API.",
  expire: "Didit has no API to expire a session; Didit expires sessions itself.",
  redact: "Didit's v1 API has no endpoint to delete a session; use the v3 API.",
  media: "Didit does not offer media downloads.",
};

/** Didit has no API to read a key's privileges, so `privileges` is what the operator states. */
export function diditCapabilities(privileges: readonly string[], apiVersion: DiditApiVersion = "v3"): Capabilities {
  const offered = OFFERED[apiVersion];
  const allowedByKey = Object.fromEntries(
    Object.entries(PRIVILEGE_FOR).map(([action, privilege]) => [
      action,
      offered[action as ProviderAction] && privilege !== null && privileges.includes(privilege),
    ]),
  ) as Record<ProviderAction, boolean>;
  return { offered: { ...offered }, allowedByKey };
}

/** Refuses before any request: "unsupported" when Didit lacks the call, "auth" when the key may not make it. */
export function assertAllowed(capabilities: Capabilities, action: ProviderAction): void {
  if (!capabilities.offered[action]) throw new ProviderError("didit", "unsupported", UNSUPPORTED[action]);
  if (!capabilities.allowedByKey[action]) {
    const privilege = PRIVILEGE_FOR[action] ?? "a privilege";
    throw new ProviderError("didit", "auth", `The configured Didit credentials lack ${privilege}, which this action needs.`);
  }
}
