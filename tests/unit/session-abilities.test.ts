import { describe, expect, it } from "vitest";
import { BUILT_IN_ROLE_PERMISSIONS, type BuiltInRole } from "@/lib/auth/permissions";
import type { ProviderAction, ProviderAdapter } from "@/lib/providers/types";
import { caseOffers } from "@/lib/review/case-offers";
import { sessionAbilities, type SessionFacts } from "@/lib/review/session-abilities";
import { COMMON_STATUSES } from "@/lib/sessions/status";

/**
 * Every (status, redacted, role, provider capabilities, claim) the case page can meet: what it
 * offers must be what the server accepts, and both must follow the rules as docs/architecture.md states
 * them (written out again below, independently of lib/review/session-abilities.ts).
 */
const NOW = new Date("2031-03-01T09:00:00Z");
const ME = "me";
const OTHER = "other";
const ALL: ProviderAction[] = ["list", "get", "approve", "decline", "resubmit", "expire", "redact", "media"];
const flags = (on: ProviderAction[]) => Object.fromEntries(ALL.map((a) => [a, on.includes(a)])) as Record<ProviderAction, boolean>;
const fake = (id: string, offered: ProviderAction[], allowed: ProviderAction[]) =>
  ({
    id,
    displayName: id === "bynn" ? "Bynn" : "Beltic",
    capabilities: () => ({ offered: flags(offered), allowedByKey: flags(allowed) }),
  }) as unknown as ProviderAdapter;

const ADAPTERS: Record<string, ProviderAdapter | undefined> = {
  unconfigured: undefined,
  recordOnly: fake("bynn", ["list", "get"], ["list", "get"]),
  full: fake("beltic", ALL, ALL),
  readOnlyKey: fake("beltic", ALL, ["list", "get", "media"]),
  decideOnlyKey: fake("beltic", ALL, ["list", "get", "approve", "decline"]),
};
const CLAIMS: Record<string, Pick<SessionFacts, "assigneeId" | "claimExpiresAt">> = {
  none: { assigneeId: null, claimExpiresAt: null },
  mine: { assigneeId: ME, claimExpiresAt: new Date(NOW.getTime() + 60_000) },
  mineLapsed: { assigneeId: ME, claimExpiresAt: new Date(NOW.getTime() - 60_000) },
  other: { assigneeId: OTHER, claimExpiresAt: new Date(NOW.getTime() + 60_000) },
  otherLapsed: { assigneeId: OTHER, claimExpiresAt: new Date(NOW.getTime() - 60_000) },
};
const ROLES: (BuiltInRole | "none")[] = ["admin", "lead", "reviewer", "auditor", "none"];

type Row = { status: string; redacted: boolean; role: BuiltInRole | "none"; adapter: string; claim: string };
const rows: Row[] = COMMON_STATUSES.flatMap((status) =>
  [false, true].flatMap((redacted) =>
    ROLES.flatMap((role) => Object.keys(ADAPTERS).flatMap((adapter) => Object.keys(CLAIMS).map((claim) => ({ status, redacted, role, adapter, claim })))),
  ),
);

function evaluate(row: Row) {
  const permissions = row.role === "none" ? [] : BUILT_IN_ROLE_PERMISSIONS[row.role];
  const session: SessionFacts = { provider: ADAPTERS[row.adapter]?.id ?? "bynn", status: row.status, redactedAt: row.redacted ? NOW : null, ...CLAIMS[row.claim]! };
  const abilities = sessionAbilities({ id: ME, permissions }, session, ADAPTERS[row.adapter], NOW);
  return { abilities, offers: caseOffers(abilities), has: (p: string) => permissions.includes(p as never) };
}

describe("session abilities: the page offers what the server accepts", () => {
  it(`covers ${rows.length} combinations`, () => expect(rows.length).toBe(COMMON_STATUSES.length * 2 * ROLES.length * 5 * 5));

  it.each(rows)("$status redacted=$redacted $role $adapter claim=$claim", (row) => {
    const { abilities: a, offers, has } = evaluate(row);
    // What the page offers, the server (the same answer, read on the locked row) accepts.
    const serverAllows = {
      decide: a.decide.allowed,
      nextCase: a.nextCase.allowed,
      claim: a.claim.allowed,
      renewClaim: a.claim.allowed,
      release: a.release.allowed,
      takeOver: a.assign.allowed,
      assign: a.assign.allowed,
      comment: a.comment.allowed,
      expire: a.expire.allowed,
      redact: a.redact.allowed,
    };
    for (const [key, allowed] of Object.entries(serverAllows)) {
      if (offers[key as keyof typeof serverAllows]) expect(allowed, key).toBe(true);
    }
    for (const action of ["approve", "decline", "resubmit"] as const) expect(offers.actions[action]).toBe(a.actions[action].route);

    // The rules, written out independently.
    const caps = ADAPTERS[row.adapter]?.capabilities();
    const waiting = row.status === "marked_for_review" || row.status === "completed";
    const closed = ["approved", "declined", "expired"].includes(row.status);
    const claim = CLAIMS[row.claim]!;
    const live = claim.claimExpiresAt !== null && claim.claimExpiresAt > NOW;
    const mine = live && claim.assigneeId === ME;
    const other = live && claim.assigneeId === OTHER;
    const open = !row.redacted;
    expect(offers.decide).toBe(has("sessions:decide") && open && waiting && mine);
    expect(offers.claim).toBe(has("sessions:decide") && open && waiting && !live);
    expect(offers.renewClaim).toBe(has("sessions:decide") && open && waiting && mine);
    expect(offers.release).toBe(has("sessions:decide") && mine);
    expect(offers.assign).toBe(has("sessions:assign") && open && waiting);
    expect(offers.takeOver).toBe(has("sessions:assign") && open && waiting && other);
    expect(offers.comment).toBe(has("sessions:decide") && open && !closed);
    expect(offers.expire).toBe(has("sessions:expire") && open && !closed && (!caps?.offered.expire || caps.allowedByKey.expire));
    expect(offers.redact).toBe(has("sessions:redact") && open && (!caps?.offered.redact || caps.allowedByKey.redact));
    expect(offers.expireAtProvider).toBe(Boolean(caps?.offered.expire));
    expect(offers.redactAtProvider).toBe(Boolean(caps?.offered.redact));
    for (const action of ["approve", "decline", "resubmit"] as const) {
      const expected = !caps
        ? "unavailable"
        : caps.offered[action]
          ? caps.allowedByKey[action]
            ? "provider"
            : "unavailable"
          : action === "resubmit"
            ? "unavailable"
            : "record";
      expect(offers.actions[action], action).toBe(expected);
    }
  });
});

describe("session abilities: refusals keep their words and their order", () => {
  const viewer = (role: BuiltInRole) => ({ id: ME, permissions: BUILT_IN_ROLE_PERMISSIONS[role] });
  const session = (facts: Partial<SessionFacts>): SessionFacts => ({ provider: "beltic", status: "marked_for_review", redactedAt: null, ...CLAIMS.none!, ...facts });
  const refusal = (ability: { allowed: boolean; refusal?: unknown }) => (ability.allowed ? null : ability.refusal);

  it("says what the permission is missing before anything about the case", () => {
    const a = sessionAbilities(viewer("auditor"), session({ redactedAt: NOW, status: "approved" }), ADAPTERS.full, NOW);
    expect(refusal(a.decide)).toEqual({ code: "FORBIDDEN", reason: "permission", message: "You may not decide cases." });
    expect(refusal(a.claim)).toEqual({ code: "FORBIDDEN", reason: "permission", message: "You may not work review cases." });
    expect(refusal(a.comment)).toEqual({ code: "FORBIDDEN", reason: "permission", message: "You may not comment on cases." });
    expect(refusal(a.assign)).toEqual({ code: "FORBIDDEN", reason: "permission", message: "You may not assign cases." });
    expect(refusal(a.expire)).toEqual({ code: "FORBIDDEN", reason: "permission", message: "You may not expire sessions." });
    expect(refusal(a.redact)).toEqual({ code: "FORBIDDEN", reason: "permission", message: "You may not redact sessions." });
  });

  it("puts redaction before the status, and the status before the claim", () => {
    const lead = viewer("lead");
    expect(refusal(sessionAbilities(lead, session({ redactedAt: NOW, status: "approved" }), ADAPTERS.full, NOW).decide)).toMatchObject({
      reason: "redacted",
      message: "This session was redacted.",
    });
    expect(refusal(sessionAbilities(lead, session({ status: "approved" }), ADAPTERS.full, NOW).decide)).toEqual({ code: "CONFLICT", reason: "not_decidable" });
    expect(refusal(sessionAbilities(lead, session({ ...CLAIMS.other }), ADAPTERS.full, NOW).decide)).toEqual({ code: "CONFLICT", reason: "no_claim" });
    expect(refusal(sessionAbilities(lead, session({ ...CLAIMS.other }), ADAPTERS.full, NOW).claim)).toEqual({ code: "CONFLICT", reason: "held_by_other" });
    expect(refusal(sessionAbilities(lead, session({ status: "declined", redactedAt: NOW }), ADAPTERS.full, NOW).expire)).toMatchObject({
      reason: "settled",
      message: "This session is already settled.",
    });
  });

  it("names the provider when it, or the key, cannot do the action", () => {
    const lead = viewer("lead");
    const readOnly = sessionAbilities(lead, session({}), ADAPTERS.readOnlyKey, NOW);
    expect(readOnly.actions.approve).toEqual({
      route: "unavailable",
      refusal: { code: "FORBIDDEN", reason: "credentials", message: "The configured Beltic credentials may not approve sessions." },
    });
    expect(refusal(readOnly.expire)).toMatchObject({ code: "FORBIDDEN", message: "The configured Beltic credentials may not expire sessions." });
    expect(refusal(readOnly.redact)).toMatchObject({ code: "FORBIDDEN", message: "The configured Beltic credentials may not delete sessions." });
    expect(sessionAbilities(lead, session({ provider: "bynn" }), ADAPTERS.recordOnly, NOW).actions.resubmit).toEqual({
      route: "unavailable",
      refusal: { code: "VALIDATION", reason: "unsupported", message: "Bynn has no way to request a resubmission." },
    });
    expect(sessionAbilities(lead, session({ provider: "idenfy" }), undefined, NOW).actions.decline).toEqual({
      route: "unavailable",
      refusal: { code: "VALIDATION", reason: "not_configured", message: "iDenfy is not configured, so its cases cannot be decided." },
    });
  });
});
