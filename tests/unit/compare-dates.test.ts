import { describe, expect, it } from "vitest";
import { compareApplicantToDocument } from "@/lib/compare";
import { parseCalendarDate } from "@/lib/compare/dates";

const today = new Date("2026-06-15T12:00:00Z");

function dateRow(field: "dateOfBirth" | "expiryDate" | "issueDate", applicant: string, document: string) {
  const { rows } = compareApplicantToDocument({ [field]: applicant }, { [field]: document }, { nameMode: "ANY_NAME", today });
  const found = rows.find((row) => row.field === field);
  if (!found) throw new Error(`no ${field} row`);
  return found;
}

describe("date formats", () => {
  it.each([
    ["ISO date", "1990-03-12"],
    ["ISO date-time UTC", "1990-03-12T00:00:00Z"],
    ["ISO date-time with offset keeps the written day", "1990-03-12T23:30:00-05:00"],
    ["ISO date-time with milliseconds", "1990-03-12T00:00:00.000+02:00"],
    ["compact", "19900312"],
    ["MRZ YYMMDD", "900312"],
    ["dotted", "12.03.1990"],
    ["dotted without zeros", "12.3.1990"],
    ["slashed, day-first (12 December would also be valid)", "12/03/1990", true],
    ["dashed day-first", "12-03-1990"],
    ["year-first slashed", "1990/03/12"],
    ["day, short month", "12 Mar 1990"],
    ["day, upper-case short month, dashes", "12-MAR-1990"],
    ["day, long month", "12 March 1990"],
    ["long month first", "March 12, 1990"],
    ["short month first with a dot", "Mar. 12 1990"],
    ["full-width digits", "１９９０-０３-１２"],
    ["surrounding spaces", "  1990-03-12 "],
  ] as [string, string, boolean?][])("%s: %s reads as 1990-03-12", (_case, value, ambiguous = false) => {
    expect(parseCalendarDate(value, "past", today)).toEqual({ iso: "1990-03-12", ambiguous });
  });

  it.each([["1990-02-30"], ["31/04/1990"], ["90-03-12"], ["12/13/1990x"], ["yesterday"], ["1990-3"], ["32.01.1990"]])("%s is not a date", (value) => {
    expect(parseCalendarDate(value, "past", today)).toBeNull();
  });

  it("reads an ambiguous slash date day-first and marks it", () => {
    expect(parseCalendarDate("03/04/1990", "past", today)).toEqual({ iso: "1990-04-03", ambiguous: true });
    expect(parseCalendarDate("04/04/1990", "past", today)).toEqual({ iso: "1990-04-04", ambiguous: false });
  });

  it("falls back to month-first only when day-first is impossible", () => {
    expect(parseCalendarDate("03/25/1990", "past", today)).toEqual({ iso: "1990-03-25", ambiguous: false });
  });

  it("places two-digit MRZ years by what the date is", () => {
    expect(parseCalendarDate("250101", "past", today)?.iso).toBe("2025-01-01");
    expect(parseCalendarDate("270101", "past", today)?.iso).toBe("1927-01-01");
    expect(parseCalendarDate("310101", "any", today)?.iso).toBe("2031-01-01");
    expect(parseCalendarDate("990101", "any", today)?.iso).toBe("1999-01-01");
  });
});

describe("date comparison", () => {
  it.each([
    ["1990-03-12", "12.03.1990"],
    ["12 Mar 1990", "March 12, 1990"],
    ["19900312", "1990/03/12"],
    ["1990-03-12T10:00:00Z", "12-03-1990"],
    ["03/04/1990", "1990-04-03"],
  ])("%s matches %s", (applicant, document) => {
    expect(dateRow("dateOfBirth", applicant, document).result).toBe("match");
  });

  it("explains an ambiguous date that did not match, with the reading beside the value and not in the note", () => {
    expect(dateRow("dateOfBirth", "03/04/1990", "1990-03-04")).toMatchObject({
      result: "mismatch",
      note: "An ambiguous date was read day-first; read month-first, it would match.",
      applicantReading: "1990-04-03",
    });
    expect(dateRow("dateOfBirth", "1990-01-01", "03/04/1990")).toMatchObject({
      result: "mismatch",
      note: "An ambiguous date was read day-first.",
      documentReading: "1990-04-03",
    });
  });

  it("notes a day and month swapped in an unambiguous date", () => {
    expect(dateRow("dateOfBirth", "1990-03-12", "1990-12-03")).toMatchObject({ result: "mismatch", note: "Day and month are swapped." });
  });

  it("compares unreadable dates as text", () => {
    expect(dateRow("dateOfBirth", "unknown", "UNKNOWN")).toMatchObject({ result: "match", note: expect.stringContaining("as text") });
    expect(dateRow("dateOfBirth", "1990-03-12", "12th of March")).toMatchObject({ result: "mismatch", note: expect.stringContaining("as text") });
  });

  it("returns the raw values", () => {
    expect(dateRow("expiryDate", "12 Mar 2030", "2030-03-12")).toMatchObject({
      applicantValue: "12 Mar 2030",
      documentValue: "2030-03-12",
      result: "match",
    });
  });
});
