import { describe, expect, it } from "vitest";
import { IDENFY_STATUS_MAP, IDENFY_STATUSES, mapIdenfyRiskLevel, mapIdenfyStatus, mapIdenfyVerdict } from "@/lib/providers/idenfy/status";
import { COMMON_STATUSES } from "@/lib/providers/types";

// providers.md §5, written out again here so a change to the map has to be a deliberate one.
const EXPECTED = {
  ACTIVE: "created",
  REVIEWING: "pending",
  NOT_REVIEWED: "pending",
  SUSPECTED: "marked_for_review",
  APPROVED: "approved",
  DENIED: "declined",
  EXPIRED: "expired",
  "EXPIRED-DELETED": "expired",
  DELETED: "expired",
  ARCHIVED: "expired",
} as const;

describe("iDenfy status map", () => {
  it("covers the documented overall statuses (and the legacy NOT_REVIEWED)", () => {
    expect([...IDENFY_STATUSES].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(Object.keys(IDENFY_STATUS_MAP).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))("maps %s to %s", (raw, common) => {
    expect(mapIdenfyStatus(raw)).toBe(common);
    expect(COMMON_STATUSES).toContain(mapIdenfyStatus(raw));
  });

  it("treats a result that is not final yet as pending", () => {
    for (const raw of ["APPROVED", "DENIED", "SUSPECTED"]) {
      expect(mapIdenfyStatus(raw, { final: false })).toBe("pending");
      expect(mapIdenfyStatus(raw, { awaitingManualReview: true })).toBe("pending");
    }
    expect(mapIdenfyStatus("APPROVED", { final: true })).toBe("approved");
    expect(mapIdenfyStatus("DENIED", { final: true })).toBe("declined");
    expect(mapIdenfyStatus("SUSPECTED", { final: null })).toBe("marked_for_review");
    // Only results wait for a reviewer; an unused or expired token is what it is.
    expect(mapIdenfyStatus("EXPIRED", { final: false })).toBe("expired");
    expect(mapIdenfyStatus("ACTIVE", { final: false })).toBe("created");
  });

  it("keeps the status a redacted session had, else expired", () => {
    expect(mapIdenfyStatus("DELETED", { previous: "approved" })).toBe("approved");
    expect(mapIdenfyStatus("ARCHIVED", { previous: "declined" })).toBe("declined");
    expect(mapIdenfyStatus("DELETED", { previous: null })).toBe("expired");
    expect(mapIdenfyStatus("EXPIRED-DELETED", { previous: "approved" })).toBe("expired");
  });

  it("is case-sensitive and parks unknown statuses as pending", () => {
    expect(mapIdenfyStatus("approved")).toBe("pending");
    expect(mapIdenfyStatus("EXPIRED_DELETED")).toBe("pending");
    expect(mapIdenfyStatus("SOMETHING_NEW")).toBe("pending");
    expect(mapIdenfyStatus("")).toBe("pending");
    expect(mapIdenfyStatus("constructor")).toBe("pending");
    expect(mapIdenfyStatus("__proto__")).toBe("pending");
  });

  it("maps face and document verdicts to check results", () => {
    expect(mapIdenfyVerdict("FACE_MATCH")).toBe("passed");
    expect(mapIdenfyVerdict("DOC_VALIDATED")).toBe("passed");
    expect(mapIdenfyVerdict("AUTO_UNVERIFIABLE")).toBe("review");
    expect(mapIdenfyVerdict("FACE_UNCERTAIN")).toBe("review");
    expect(mapIdenfyVerdict("FACE_NOT_ANALYSED")).toBe("not_run");
    expect(mapIdenfyVerdict("DOC_NOT_ANALYSED")).toBe("not_run");
    expect(mapIdenfyVerdict("FACE_MISMATCH")).toBe("failed");
    expect(mapIdenfyVerdict("DOC_EXPIRED")).toBe("failed");
    expect(mapIdenfyVerdict("SOME_NEW_CODE")).toBe("failed");
    expect(mapIdenfyVerdict(null)).toBe("not_run");
    expect(mapIdenfyVerdict("")).toBe("not_run");
  });

  it("maps risk levels to check results", () => {
    expect(mapIdenfyRiskLevel("VERY_LOW")).toBe("passed");
    expect(mapIdenfyRiskLevel("MEDIUM")).toBe("review");
    expect(mapIdenfyRiskLevel("VERY_HIGH")).toBe("failed");
    expect(mapIdenfyRiskLevel("NOT_CHECKED")).toBe("not_run");
    expect(mapIdenfyRiskLevel("constructor")).toBe("not_run");
    expect(mapIdenfyRiskLevel(undefined)).toBe("not_run");
  });
});
