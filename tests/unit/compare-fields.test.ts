import { describe, expect, it } from "vitest";
import { compareApplicantToDocument } from "@/lib/compare";
import { countryCode } from "@/lib/compare/countries";
import type { ApplicantData, CanonicalField, CanonicalFields } from "@/lib/providers/types";

const today = new Date("2026-06-15T12:00:00Z");

function compare(applicant: ApplicantData, document: CanonicalFields) {
  return compareApplicantToDocument(applicant, document, { nameMode: "ANY_NAME", today });
}

function result(field: CanonicalField, applicant: string, document: string) {
  return compare({ [field]: applicant }, { [field]: document }).rows.find((row) => row.field === field)?.result;
}

describe("countries", () => {
  it.each([
    ["DE", "DE"],
    ["de", "DE"],
    ["DEU", "DE"],
    ["deu", "DE"],
    ["276", "DE"],
    ["Germany", "DE"],
    ["GERMANY", "DE"],
    ["Deutschland", "DE"],
    ["D", "DE"],
    ["Allemagne", "DE"],
    ["Германия", "DE"],
    ["ألمانيا", "DE"],
    ["德国", "DE"],
    ["Côte d’Ivoire", "CI"],
    ["Cote d'Ivoire", "CI"],
    ["CIV", "CI"],
    ["Ivory Coast", "CI"],
    ["UK", "GB"],
    ["GBR", "GB"],
    ["United Kingdom", "GB"],
    ["USA", "US"],
    ["United States of America", "US"],
    ["XKX", "XK"],
    ["Ｆｒａｎｃｅ", "FR"],
    [" FRA ", "FR"],
  ])("%s is %s", (value, code) => {
    expect(countryCode(value)).toBe(code);
  });

  it.each([["ZZ"], ["ZZZ"], ["Atlantis"], ["999"]])("%s is unknown", (value) => {
    expect(countryCode(value)).toBeNull();
  });

  it.each([
    ["issuingCountry", "DE", "DEU", "match"],
    ["issuingCountry", "Germany", "DEU", "match"],
    ["nationality", "D", "Germany", "match"],
    ["nationality", "AT", "DEU", "mismatch"],
    ["nationality", "Atlantis", "ATLANTIS", "match"],
    ["nationality", "Atlantis", "DEU", "mismatch"],
  ] as const)("%s: %s vs %s → %s", (field, applicant, document, expected) => {
    expect(result(field, applicant, document)).toBe(expected);
  });
});

describe("sex", () => {
  it.each([
    ["M", "MALE", "match"],
    ["male", "M", "match"],
    ["F", "female", "match"],
    ["FEMALE", "f", "match"],
    ["X", "<", "match"],
    ["M", "F", "mismatch"],
    ["F", "X", "mismatch"],
    ["unknown", "UNKNOWN", "match"],
  ] as const)("%s vs %s → %s", (applicant, document, expected) => {
    expect(result("sex", applicant, document)).toBe(expected);
  });
});

describe("document type", () => {
  it.each([
    ["passport", "PASSPORT", "match"],
    ["P", "Passport", "match"],
    ["ID_CARD", "Identity Card", "match"],
    ["national-id", "id card", "match"],
    ["driver's license", "DRIVING_LICENCE", "match"],
    ["passport", "ID_CARD", "mismatch"],
  ] as const)("%s vs %s → %s", (applicant, document, expected) => {
    expect(result("documentType", applicant, document)).toBe(expected);
  });
});

describe("address", () => {
  it.each([
    ["Hauptstraße 5, 10115 Berlin", "HAUPTSTRASSE 5 10115 BERLIN", "match"],
    ["10115 Berlin, Hauptstraße 5", "Hauptstraße 5, 10115 Berlin", "match"],
    ["Hauptstr. 5, Berlin", "Hauptstraße 5, 10115 Berlin", "not_compared"],
  ] as const)("%s vs %s → %s", (applicant, document, expected) => {
    expect(result("address", applicant, document)).toBe(expected);
  });
});

describe("missing and omitted rows", () => {
  it("marks a value on only one side as missing, either way round", () => {
    const { rows } = compare({ documentNumber: "X1", personalNumber: null }, { documentNumber: "", personalNumber: "P9" });
    expect(rows).toEqual([
      { field: "documentNumber", label: "Document number", applicantValue: "X1", documentValue: null, result: "missing" },
      { field: "personalNumber", label: "Personal number", applicantValue: null, documentValue: "P9", result: "missing" },
    ]);
  });

  it("omits rows absent on both sides, and applicant-less issue/expiry/type rows", () => {
    const { rows } = compare({ address: "   " }, { issueDate: "2020-01-01", expiryDate: "2030-01-01", documentType: "PASSPORT" });
    expect(rows).toEqual([]);
  });

  it("includes issue and expiry dates when the applicant has them", () => {
    const { rows } = compare({ issueDate: "01.01.2020", expiryDate: "2030-01-01" }, { issueDate: "2020-01-01" });
    expect(rows.map((row) => [row.field, row.result])).toEqual([
      ["issueDate", "match"],
      ["expiryDate", "missing"],
    ]);
  });

  it("never compares e-mail, phone or reference", () => {
    expect(compare({ email: "a@b.c", phone: "+1", reference: "r" }, {}).rows).toEqual([]);
  });

  it("points a missing name field to the Name row when the other side has another name", () => {
    const { rows } = compare({ firstName: "Ivan", lastName: "Petrov" }, { fullName: "PETROV IVAN" });
    expect(rows.find((row) => row.field === "firstName")).toMatchObject({ result: "missing", note: "Compared in the Name row." });
    expect(rows.find((row) => row.field === "name")).toMatchObject({ result: "match" });
  });
});

describe("a whole comparison", () => {
  it("orders rows and counts the summary", () => {
    const { rows, summary } = compare(
      { firstName: "Anna", lastName: "Müller", dateOfBirth: "12/03/1990", nationality: "DE", documentNumber: "C01X00T47" },
      { firstName: "ANNA", lastName: "MULLER", dateOfBirth: "1990-03-12", nationality: "DEU", sex: "F" },
    );
    expect(rows.map((row) => `${row.field}:${row.result}`)).toEqual([
      "firstName:match",
      "lastName:mismatch",
      "name:match",
      "dateOfBirth:match",
      "sex:missing",
      "nationality:match",
      "documentNumber:missing",
    ]);
    expect(summary).toEqual({ matches: 4, mismatches: 1, missing: 2, otherScript: 0, toCheck: 0 });
  });
});
