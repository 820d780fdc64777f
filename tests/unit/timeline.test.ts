import { describe, expect, it } from "vitest";
import { foldClaimRows, type FoldableEntry } from "@/lib/review/timeline-groups";
import { describeEvent, summarizeEvent } from "@/lib/review/timeline";

let id = 0;
const entry = (type: string, actor: string | null, claimAction?: string): FoldableEntry => ({
  id: ++id,
  at: `2026-06-15T10:${String(id).padStart(2, "0")}:00.000Z`,
  type,
  actor,
  summary: claimAction ?? type,
  ...(claimAction ? { claimAction } : {}),
});
const claim = (actor: string, action: string) => entry("claim", actor, action);

describe("timeline: claim and release rows fold into one", () => {
  it("six claims and releases by one reviewer are one expandable row", () => {
    const rows = Array.from({ length: 6 }, () => [claim("Rui Reviewer", "claim"), claim("Rui Reviewer", "release")]).flat();
    const folded = foldClaimRows([entry("provider_status", null), ...rows, entry("comment", "Rui Reviewer")]);
    expect(folded.map((row) => row.summary)).toEqual(["provider_status", "Claimed and released 6 times by Rui Reviewer", "comment"]);
    const group = folded[1]!;
    expect(group.entries).toHaveLength(12);
    expect(group.actor).toBe("Rui Reviewer");
    expect(group.at).toBe(rows.at(-1)!.at);
    expect(group.entries![0]).not.toHaveProperty("claimAction");
  });

  it("counts unequal runs and names every reviewer in it", () => {
    const folded = foldClaimRows([claim("Ana", "claim"), claim("Ana", "release"), claim("Ben", "claim")]);
    expect(folded).toHaveLength(1);
    expect(folded[0]).toMatchObject({ summary: "Claimed 2 times, released 1 time by Ana and Ben", actor: null });
  });

  it("leaves a single claim, and assign / take-over rows, as they are", () => {
    const folded = foldClaimRows([claim("Ana", "claim"), claim("Lea Lead", "take_over"), claim("Lea Lead", "release"), claim("Lea Lead", "assign")]);
    expect(folded.map((row) => row.summary)).toEqual(["claim", "take_over", "release", "assign"]);
    expect(folded.every((row) => row.entries === undefined)).toBe(true);
  });

  it("does not fold across other events", () => {
    const folded = foldClaimRows([claim("Ana", "claim"), entry("comment", "Ana"), claim("Ana", "release")]);
    expect(folded).toHaveLength(3);
  });
});

describe("timeline: reasons in words", () => {
  const labels = (action: string, code: string) => (action === "decline" && code === "DATA_MISMATCH" ? "Applicant data does not match the document" : null);

  it("shows the catalogue's label, not the code", () => {
    const detail = { action: "decline", reasonCode: "DATA_MISMATCH", state: "confirmed", comment: "DOB differs" };
    expect(describeEvent("decision", detail, labels)).toEqual({
      summary: "Declined: Applicant data does not match the document (confirmed by the provider)",
      text: "DOB differs",
    });
    expect(summarizeEvent("decision", detail, false, labels)).not.toContain("DATA_MISMATCH");
  });

  it("uses the default catalogue when none is given", () => {
    expect(summarizeEvent("decision", { action: "approve", reasonCode: "DATA_VERIFIED", state: "recorded" }, true)).toBe(
      "Approved: Data and document verified by the reviewer (recorded in Verdict)",
    );
  });

  it("falls back to the code for a code the catalogue no longer has", () => {
    expect(describeEvent("decision", { action: "decline", reasonCode: "RETIRED_CODE", state: "confirmed" }, labels).summary).toContain("RETIRED_CODE");
  });

  it("keeps free text apart: quoted only for viewers allowed to read it", () => {
    expect(summarizeEvent("comment", { text: "Called the applicant" }, true)).toBe("Comment: “Called the applicant”");
    expect(summarizeEvent("comment", { text: "Called the applicant" }, false)).toBe("Comment");
  });
});
