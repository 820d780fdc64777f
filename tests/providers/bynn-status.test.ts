import { describe, expect, it } from "vitest";
import { BYNN_EVENT_STATUS_MAP, BYNN_RECORD_STATUS_MAP, bynnEventSettlesStatus, mapBynnCheckResult, mapBynnStatus } from "@/lib/providers/bynn/status";
import { COMMON_STATUSES } from "@/lib/providers/types";

// providers.md §5 (Bynn column), written out again so a change to the map has to be deliberate.
const EVENTS = {
  "session.created": "created",
  "dossier.created": "created",
  "session.consent.accept": "started",
  "session.liveness.started": "started",
  "session.id_document_front.received": "started",
  "session.id_document_back.received": "started",
  "session.poa.received": "started",
  "identity_document.received": "started",
  "proof_of_address.received": "started",
  "proof_of_funds.received": "started",
  "dossier.open": "started",
  "identity_document.in_bynn_review_queue": "pending",
  "identity_document.analyzed": "pending",
  "session.completed": "completed",
  "dossier.completed": "completed",
  "session.canceled": "failed",
  "session.consent.reject": "failed",
  "dossier.canceled": "failed",
  "decision.challenge": "marked_for_review",
  "dossier.needs_attention": "marked_for_review",
  "identity_document.needs_attention": "marked_for_review",
  "decision.approved": "approved",
  "dossier.approved": "approved",
  "decision.rejected": "declined",
  "dossier.rejected": "declined",
  "session.expired": "expired",
  "dossier.expired": "expired",
} as const;

const RECORD = {
  "dossier:created": "created",
  "dossier:open": "started",
  "dossier:completed": "completed",
  "dossier:needs_attention": "marked_for_review",
  "dossier:approved": "approved",
  "dossier:rejected": "declined",
  "dossier:canceled": "failed",
  "dossier:expired": "expired",
  "decision:accepted": "approved",
  "decision:rejected": "declined",
  "decision:challenge": "marked_for_review",
  "session:created": "created",
  "session:in_progress": "started",
  "session:processing": "pending",
  "session:completed": "completed",
  "session:canceled": "failed",
  "session:consent_rejected": "failed",
  "session:expired": "expired",
  "session:gone": "failed",
} as const;

describe("Bynn status map", () => {
  it("covers exactly the events and record statuses of providers.md §5", () => {
    expect(Object.keys(BYNN_EVENT_STATUS_MAP).sort()).toEqual(Object.keys(EVENTS).sort());
    expect(Object.keys(BYNN_RECORD_STATUS_MAP).sort()).toEqual(Object.keys(RECORD).sort());
  });

  it.each(Object.entries({ ...EVENTS, ...RECORD }))("maps %s to %s", (raw, common) => {
    expect(mapBynnStatus(raw)).toBe(common);
    expect(COMMON_STATUSES).toContain(mapBynnStatus(raw));
  });

  it("lets only status events settle the status", () => {
    for (const event of Object.keys(EVENTS)) expect(bynnEventSettlesStatus(event)).toBe(true);
    for (const event of ["session.liveness.accepted", "identity_document.approved", "dossier.archived", "aml.screening.match", "agent.started"]) {
      expect(bynnEventSettlesStatus(event)).toBe(false);
    }
    expect(bynnEventSettlesStatus("toString")).toBe(false);
  });

  it("does not crash on unknown statuses and parks them as pending", () => {
    for (const raw of ["", "dossier:archived", "DECISION.APPROVED", "decision:maybe", "something.new", "constructor", "__proto__"]) {
      expect(mapBynnStatus(raw)).toBe("pending");
    }
  });

  it("maps decision, document, liveness and AML outcomes to check results", () => {
    expect(mapBynnCheckResult("accepted")).toBe("passed");
    expect(mapBynnCheckResult("approved")).toBe("passed");
    expect(mapBynnCheckResult("no_match")).toBe("passed");
    expect(mapBynnCheckResult("rejected")).toBe("failed");
    expect(mapBynnCheckResult("expired")).toBe("failed");
    expect(mapBynnCheckResult("match_confirmed")).toBe("failed");
    expect(mapBynnCheckResult("challenge")).toBe("review");
    expect(mapBynnCheckResult("needs_attention")).toBe("review");
    expect(mapBynnCheckResult("in_bynn_review_queue")).toBe("review");
    expect(mapBynnCheckResult("match")).toBe("review");
    expect(mapBynnCheckResult("started")).toBe("not_run");
    expect(mapBynnCheckResult(null)).toBe("not_run");
    expect(mapBynnCheckResult(undefined)).toBe("not_run");
  });
});
