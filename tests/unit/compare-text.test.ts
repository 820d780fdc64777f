import { describe, expect, it } from "vitest";
import { compareApplicantToDocument } from "@/lib/compare";
import type { FieldComparison } from "@/lib/compare";
import type { CanonicalField } from "@/lib/providers/types";

const today = new Date("2026-06-15T12:00:00Z");

function row(field: CanonicalField, applicant: string, document: string): FieldComparison {
  const { rows } = compareApplicantToDocument({ [field]: applicant }, { [field]: document }, { nameMode: "ANY_NAME", today });
  const found = rows.find((candidate) => candidate.field === field);
  if (!found) throw new Error(`no ${field} row`);
  return found;
}

describe("name text normalisation", () => {
  it.each([
    ["case and spacing", "  anna   SCHMIDT ", "Anna Schmidt", "match"],
    ["full-width letters (NFKC)", "Ａｎｎａ", "Anna", "match"],
    ["ligature (NFKC)", "Ruﬁno", "Rufino", "match"],
    ["German sharp s folds to ss", "Weiß", "WEISS", "match"],
    ["hyphen equals space", "Jean-Pierre", "Jean Pierre", "match"],
    ["apostrophe ignored", "O'Brien", "OBRIEN", "match"],
    ["typographic apostrophe ignored", "D’Angelo", "D'Angelo", "match"],
    ["dot ignored", "St. John", "St John", "match"],
    ["Cyrillic, case-insensitive", "Иван Петров", "ИВАН ПЕТРОВ", "match"],
    ["Cyrillic against Latin: same name, other script (tests/unit/compare-scripts.test.ts)", "Иван", "Ivan", "other_script"],
    ["Chinese with and without a space", "李 小明", "李小明", "match"],
    ["Chinese, different characters", "李小明", "李小红", "mismatch"],
    ["Arabic", "محمد علي", "محمد علي", "match"],
    ["Arabic against Latin: same name, other script", "محمد", "Mohammed", "other_script"],
    ["different names", "Anna", "Berta", "mismatch"],
  ] as const)("%s: %s vs %s → %s", (_case, applicant, document, expected) => {
    expect(row("fullName", applicant, document).result).toBe(expected);
  });
});

describe("accents", () => {
  it.each([
    ["Müller", "Muller"],
    ["José", "JOSE"],
    ["Łukasz", "Lukasz"],
    ["Ñúñez", "Nunez"],
    ["مُحَمَّد", "محمد"],
  ])("%s vs %s is a mismatch noted as accents only", (applicant, document) => {
    expect(row("lastName", applicant, document)).toMatchObject({ result: "mismatch", note: "Differs only in accents." });
  });

  it("gives no accent note when the letters differ too", () => {
    expect(row("lastName", "Müller", "Miller").note).toBeUndefined();
  });

  it("matches a decomposed accent with the composed one (NFKC)", () => {
    expect(row("lastName", "Mu\u0308ller", "Müller").result).toBe("match");
  });

  it("does not call Indic vowel signs accents", () => {
    expect(row("firstName", "राम", "रामा")).toMatchObject({ result: "mismatch" });
    expect(row("firstName", "रमि", "रम").note).toBeUndefined();
  });
});

describe("name words", () => {
  it("accepts words in another order, with a note", () => {
    expect(row("fullName", "Petrov Ivan", "Ivan Petrov")).toMatchObject({ result: "match", note: "Same names in a different order." });
  });

  it("accepts a document listing extra given names, but not the reverse", () => {
    expect(row("firstName", "Anna", "Anna Maria")).toMatchObject({ result: "match", note: "The document lists additional names." });
    expect(row("firstName", "Anna Maria", "Anna")).toMatchObject({ result: "mismatch", note: "Only some of the names match." });
  });

  it("flags a first name that appears as the document's last name", () => {
    const { rows } = compareApplicantToDocument({ firstName: "Wei", lastName: "Li" }, { firstName: "Li", lastName: "Wei" }, { nameMode: "ALL_NAMES", today });
    expect(rows.find((r) => r.field === "firstName")).toMatchObject({ result: "mismatch", note: expect.stringContaining("swapped") });
  });
});

describe("document and personal numbers", () => {
  it.each([
    ["C01X00T47", "c01x00t47", "match"],
    ["C01X 00T-47", "C01X00T47", "match"],
    ["12.345.678-9", "123456789", "match"],
    ["L898902C3", "L898902C<", "mismatch"],
    ["ＡＢ１２３", "AB123", "match"],
    ["AB123", "AB124", "mismatch"],
  ] as const)("%s vs %s → %s", (applicant, document, expected) => {
    expect(row("documentNumber", applicant, document).result).toBe(expected);
    expect(row("personalNumber", applicant, document).result).toBe(expected);
  });
});

describe("values in any script survive byte for byte", () => {
  it.each([["Иван Петров"], ["李小明"], ["محمد علي"], ["Ａｎｎａ"], ["Mu\u0308ller"], ["  spaced  "]])("%s", (value) => {
    const r = row("fullName", value, `${value}x`);
    expect(r.applicantValue).toBe(value);
    expect(r.documentValue).toBe(`${value}x`);
  });
});
