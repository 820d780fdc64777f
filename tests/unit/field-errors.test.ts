import { describe, expect, it } from "vitest";
import { errorSummary, invalidProps } from "@/components/ui/field-errors";

describe("form errors", () => {
  it("names the fields a refused form must fix, by their labels", () => {
    const error = { code: "VALIDATION", message: "Check the highlighted fields.", fields: { reasonCode: ["Choose a reason"], comment: ["Add a comment"] } };
    expect(errorSummary(error, { reasonCode: "Reason", comment: "Comment" })).toBe("Check the highlighted fields: Reason, Comment.");
  });

  it("names a field the form does not show by its message, and leaves other errors as they are", () => {
    const stale = { code: "VALIDATION", message: "Check the highlighted fields.", fields: { version: ["Too small"] } };
    expect(errorSummary(stale, {})).toBe("Check the highlighted fields: Too small.");
    expect(errorSummary({ code: "CONFLICT", message: "This case changed since you opened it." }, {})).toBe("This case changed since you opened it.");
    expect(errorSummary({ code: "VALIDATION", message: "Choose a reason from the list." }, {})).toBe("Choose a reason from the list.");
    expect(errorSummary(null, {})).toBeNull();
  });

  it("marks an input invalid and ties its message to it, keeping any hint", () => {
    expect(invalidProps("e", ["Required"], "hint")).toEqual({ "aria-invalid": true, "aria-describedby": "hint e" });
    expect(invalidProps("e", undefined, "hint")).toEqual({ "aria-invalid": undefined, "aria-describedby": "hint" });
    expect(invalidProps("e", [])).toEqual({ "aria-invalid": undefined, "aria-describedby": undefined });
  });
});
