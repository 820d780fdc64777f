import { describe, expect, it } from "vitest";
import { DIDIT_STATUS_MAP, DIDIT_STATUSES, mapDiditCheckResult, mapDiditStatus } from "@/lib/providers/didit/status";
import { COMMON_STATUSES } from "@/lib/providers/types";

// providers.md §5, written out again here so a change to the map has to be a deliberate one.
const EXPECTED = {
  "Not Started": "created",
  "In Progress": "started",
  Resubmitted: "started",
  "Awaiting User": "started",
  "In Review": "marked_for_review",
  Approved: "approved",
  Declined: "declined",
  Expired: "expired",
  Abandoned: "expired",
  "Kyc Expired": "expired",
} as const;

describe("Didit status map", () => {
  it("covers exactly the ten documented statuses", () => {
    expect([...DIDIT_STATUSES].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(Object.keys(DIDIT_STATUS_MAP).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))("maps %s to %s", (raw, common) => {
    expect(mapDiditStatus(raw)).toBe(common);
    expect(COMMON_STATUSES).toContain(mapDiditStatus(raw));
  });

  it("is case-sensitive and parks unknown statuses as pending", () => {
    expect(mapDiditStatus("KYC Expired")).toBe("pending");
    expect(mapDiditStatus("approved")).toBe("pending");
    expect(mapDiditStatus("Something New")).toBe("pending");
    expect(mapDiditStatus("")).toBe("pending");
    expect(mapDiditStatus("constructor")).toBe("pending");
  });

  it("maps feature statuses to check results", () => {
    expect(mapDiditCheckResult("Approved")).toBe("passed");
    expect(mapDiditCheckResult("Declined")).toBe("failed");
    expect(mapDiditCheckResult("In Review")).toBe("review");
    expect(mapDiditCheckResult("Not Finished")).toBe("not_run");
    expect(mapDiditCheckResult("Resub Requested")).toBe("not_run");
    expect(mapDiditCheckResult(null)).toBe("not_run");
    expect(mapDiditCheckResult(undefined)).toBe("not_run");
  });
});
