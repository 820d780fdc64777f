/**
 * What can be done to one session by one viewer, and how: the one answer the case page reads
 * (what it offers, case-offers.ts) and every review action re-checks on the locked row (what
 * it accepts), so the page never offers what the server refuses. Pure: no database. Refusals
 * that need the record to explain themselves (who decided and when, who holds the claim) carry
 * only their reason; the server words them (refusals.ts `refusalError`).
 */
import { can, type Permission } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { DecisionAction, ProviderAdapter } from "@/lib/providers/types";
import { providerName } from "@/lib/sessions/provider-names";
import { claimIsLive, CLOSED, DECIDABLE } from "./case-states";

/** The columns of a session the rules read. */
export type SessionFacts = { provider: string; status: string; redactedAt: Date | null; assigneeId: string | null; claimExpiresAt: Date | null };
export type AbilityViewer = { id: string; permissions: readonly string[] };

type Forbidden = { code: "FORBIDDEN"; reason: "permission" | "credentials"; message: string };

export type Refusal =
  | Forbidden
  | { code: "VALIDATION"; reason: "not_configured" | "unsupported"; message: string }
  | { code: "CONFLICT"; reason: "redacted" | "settled"; message: string }
  /** Worded from the record: who decided it and when, who holds the claim since when. */
  | { code: "CONFLICT"; reason: "not_decidable" | "no_claim" | "held_by_other" };

export type Ability = { allowed: true } | { allowed: false; refusal: Refusal };
export type DecisionRoute = { route: "provider" | "record" } | { route: "unavailable"; refusal: Refusal };

export type SessionAbilities = {
  /** Who holds a live claim on the case, seen from the viewer. */
  claimHeld: "mine" | "other" | null;
  /** Per decision: the provider's API takes it, Verdict records it, or it cannot be done. */
  actions: Record<DecisionAction, DecisionRoute>;
  /** Deciding at all: the viewer decides, the case waits for a decision, and the viewer holds it. */
  decide: Ability;
  /** Claiming the next case from the queue (n): the viewer's role, whatever this case is. */
  nextCase: Ability;
  /** Claiming, or renewing the viewer's own lease. */
  claim: Ability;
  /** Giving up the viewer's claim; refused (a no-op on the server) when the viewer does not hold it. */
  release: Ability;
  /** Assigning to anyone, the lead themselves included (take over). */
  assign: Ability;
  comment: Ability;
  expire: Ability & { atProvider: boolean };
  redact: Ability & { atProvider: boolean };
};

export type Work = "decide" | "claim" | "comment" | "assign" | "expire" | "redact";

/** The permission each kind of work needs, and what the viewer is told without it. */
const NEEDS: Record<Work, [Permission, string]> = {
  decide: ["sessions:decide", "You may not decide cases."],
  claim: ["sessions:decide", "You may not work review cases."],
  comment: ["sessions:decide", "You may not comment on cases."],
  assign: ["sessions:assign", "You may not assign cases."],
  expire: ["sessions:expire", "You may not expire sessions."],
  redact: ["sessions:redact", "You may not redact sessions."],
};

const ALLOWED: Ability = { allowed: true };
const refuse = (refusal: Refusal): Ability => ({ allowed: false, refusal });
const REDACTED: Refusal = { code: "CONFLICT", reason: "redacted", message: "This session was redacted." };

function permissionRefusal(viewer: AbilityViewer, work: Work): Forbidden | null {
  const [permission, message] = NEEDS[work];
  return can(viewer.permissions, permission) ? null : { code: "FORBIDDEN", reason: "permission", message };
}

/** "Next case" (n) on the queue, where no session is open yet: the same check claimNextCase makes. */
export function mayClaimNext(viewer: AbilityViewer): boolean {
  return permissionRefusal(viewer, "claim") === null;
}

/** The check before any row is read (a replayed request must not get past it either). */
export function assertMay(viewer: AbilityViewer, work: Work): void {
  const refusal = permissionRefusal(viewer, work);
  if (refusal) throw new AppError(refusal.code, refusal.message);
}

/** Runs the checks in order; the first refusal wins, so the viewer hears the most telling one. */
function first(...checks: (Refusal | null | false)[]): Ability {
  const refusal = checks.find((check): check is Refusal => Boolean(check));
  return refusal ? refuse(refusal) : ALLOWED;
}

function route(adapter: ProviderAdapter | undefined, session: SessionFacts, action: DecisionAction): DecisionRoute {
  if (!adapter)
    return {
      route: "unavailable",
      refusal: { code: "VALIDATION", reason: "not_configured", message: `${providerName(session.provider)} is not configured, so its cases cannot be decided.` },
    };
  const { offered, allowedByKey } = adapter.capabilities();
  if (offered[action]) {
    if (allowedByKey[action]) return { route: "provider" };
    return {
      route: "unavailable",
      refusal: { code: "FORBIDDEN", reason: "credentials", message: `The configured ${adapter.displayName} credentials may not ${action} sessions.` },
    };
  }
  // Approve/decline without a decision API (iDenfy SUSPECTED, Bynn): Verdict is the system of record.
  if (action !== "resubmit") return { route: "record" };
  return { route: "unavailable", refusal: { code: "VALIDATION", reason: "unsupported", message: `${adapter.displayName} has no way to request a resubmission.` } };
}

/** Done at the provider first where it can be; where the key may not, it is not done at all. */
function atProvider(adapter: ProviderAdapter | undefined, action: "expire" | "redact", verb: string): { atProvider: boolean; refusal: Refusal | null } {
  const capabilities = adapter?.capabilities();
  const at = Boolean(capabilities?.offered[action]);
  const refusal: Refusal | null =
    at && !capabilities?.allowedByKey[action]
      ? { code: "FORBIDDEN", reason: "credentials", message: `The configured ${adapter!.displayName} credentials may not ${verb} sessions.` }
      : null;
  return { atProvider: at, refusal };
}

export function sessionAbilities(viewer: AbilityViewer, session: SessionFacts, adapter: ProviderAdapter | undefined, now: Date): SessionAbilities {
  const live = claimIsLive(session, now);
  const claimHeld = live ? (session.assigneeId === viewer.id ? "mine" : "other") : null;
  const redacted = session.redactedAt !== null;
  // Decided first: a decided case has lost its claim too, and "claim it" would be the wrong advice.
  const notDecidable: Refusal | null = DECIDABLE.has(session.status) ? null : { code: "CONFLICT", reason: "not_decidable" };
  const expire = atProvider(adapter, "expire", "expire");
  const redact = atProvider(adapter, "redact", "delete");
  const settled: Refusal = { code: "CONFLICT", reason: "settled", message: "This session is already settled." };
  return {
    claimHeld,
    actions: { approve: route(adapter, session, "approve"), decline: route(adapter, session, "decline"), resubmit: route(adapter, session, "resubmit") },
    decide: first(permissionRefusal(viewer, "decide"), redacted && REDACTED, notDecidable, claimHeld !== "mine" && { code: "CONFLICT", reason: "no_claim" }),
    nextCase: first(permissionRefusal(viewer, "claim")),
    claim: first(permissionRefusal(viewer, "claim"), redacted && REDACTED, notDecidable, claimHeld === "other" && { code: "CONFLICT", reason: "held_by_other" }),
    release: first(permissionRefusal(viewer, "claim"), session.assigneeId !== viewer.id && { code: "CONFLICT", reason: "no_claim" }),
    assign: first(permissionRefusal(viewer, "assign"), redacted && REDACTED, notDecidable),
    // A decided case's record is closed: notes after the fact would read as part of the decision.
    comment: first(permissionRefusal(viewer, "comment"), redacted && REDACTED, CLOSED.has(session.status) && { code: "CONFLICT", reason: "not_decidable" }),
    expire: { ...first(permissionRefusal(viewer, "expire"), (redacted || CLOSED.has(session.status)) && settled, expire.refusal), atProvider: expire.atProvider },
    redact: { ...first(permissionRefusal(viewer, "redact"), redacted && REDACTED, redact.refusal), atProvider: redact.atProvider },
  };
}
