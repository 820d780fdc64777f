import { describe, expect, it } from "vitest";
import { BELTIC_STATUS_MAP, BELTIC_STATUSES, mapBelticCheckResult, mapBelticStatus, mapBelticThreatLevel } from "@/lib/providers/beltic/status";
import { COMMON_STATUSES } from "@/lib/providers/types";
import { BELTIC_STATUSES as SANDBOX_STATUSES } from "@/sandbox/beltic";

// providers.md §5, written out again here so a change to the map has to be a deliberate one.
const EXPECTED = {
  created: "created",
  started: "started",
  pending: "pending",
  completed: "completed",
  failed: "failed",
  marked_for_review: "marked_for_review",
  approved: "approved",
  declined: "declined",
  expired: "expired",
} as const;

describe("Beltic status map", () => {
  it("covers exactly the nine documented statuses, the same ones the sandbox speaks", () => {
    expect([...BELTIC_STATUSES].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(Object.keys(BELTIC_STATUS_MAP).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect([...SANDBOX_STATUSES].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))("maps %s to %s", (raw, common) => {
    expect(mapBelticStatus(raw)).toBe(common);
    expect(COMMON_STATUSES).toContain(mapBelticStatus(raw));
  });

  it("is case-sensitive and parks unknown statuses as pending", () => {
    expect(mapBelticStatus("Approved")).toBe("pending");
    expect(mapBelticStatus("needs_review")).toBe("pending");
    expect(mapBelticStatus("")).toBe("pending");
    expect(mapBelticStatus("constructor")).toBe("pending");
    expect(mapBelticStatus("__proto__")).toBe("pending");
  });

  it("maps check verdicts, with a failed optional check read as a flag for review", () => {
    expect(mapBelticCheckResult("passed", "required")).toBe("passed");
    expect(mapBelticCheckResult("failed", "required")).toBe("failed");
    expect(mapBelticCheckResult("failed", null)).toBe("failed");
    expect(mapBelticCheckResult("failed", "not_required")).toBe("review");
    expect(mapBelticCheckResult("not_applicable", "required")).toBe("not_run");
    expect(mapBelticCheckResult("something_new")).toBe("not_run");
    expect(mapBelticCheckResult(undefined)).toBe("not_run");
  });

  it("maps behaviour threat levels", () => {
    expect(mapBelticThreatLevel("low")).toBe("passed");
    expect(mapBelticThreatLevel("medium")).toBe("review");
    expect(mapBelticThreatLevel("high")).toBe("failed");
    expect(mapBelticThreatLevel("unheard_of")).toBe("not_run");
    expect(mapBelticThreatLevel(null)).toBe("not_run");
  });
});
