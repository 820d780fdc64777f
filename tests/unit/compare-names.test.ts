import { describe, expect, it } from "vitest";
import { compareApplicantToDocument, NAME_MATCH_MODES, parseNameMatchMode } from "@/lib/compare";
import type { NameMatchMode } from "@/lib/compare";
import type { ApplicantData, CanonicalFields } from "@/lib/providers/types";

const today = new Date("2026-06-15T12:00:00Z");

function nameRow(applicant: ApplicantData, document: CanonicalFields, nameMode: NameMatchMode) {
  return compareApplicantToDocument(applicant, document, { nameMode, today }).rows.find((row) => row.field === "name");
}

type Case = [string, ApplicantData, CanonicalFields, Record<NameMatchMode, "match" | "mismatch">];

const CASES: Case[] = [
  [
    "one of two given names matches, last name differs",
    { firstName: "Anna Maria", lastName: "Schmidt" },
    { firstName: "ANNA", lastName: "MEYER" },
    { ANY_NAME: "match", ONE_NAME: "mismatch", ALL_NAMES: "mismatch" },
  ],
  [
    "first name matches, last name differs",
    { firstName: "Anna", lastName: "Schmidt" },
    { firstName: "ANNA", lastName: "MEYER" },
    { ANY_NAME: "match", ONE_NAME: "match", ALL_NAMES: "mismatch" },
  ],
  [
    "both names match",
    { firstName: "Anna", lastName: "Schmidt" },
    { firstName: "ANNA", lastName: "SCHMIDT" },
    { ANY_NAME: "match", ONE_NAME: "match", ALL_NAMES: "match" },
  ],
  [
    "document lists an extra given name",
    { firstName: "Anna", lastName: "Schmidt" },
    { firstName: "ANNA MARIA", lastName: "SCHMIDT" },
    { ANY_NAME: "match", ONE_NAME: "match", ALL_NAMES: "match" },
  ],
  [
    "nothing in common",
    { firstName: "Anna", lastName: "Schmidt" },
    { firstName: "BERTA", lastName: "MEYER" },
    { ANY_NAME: "mismatch", ONE_NAME: "mismatch", ALL_NAMES: "mismatch" },
  ],
  [
    "Cyrillic, last name differs",
    { firstName: "Иван", lastName: "Петров" },
    { firstName: "ИВАН", lastName: "ИВАНОВ" },
    { ANY_NAME: "match", ONE_NAME: "match", ALL_NAMES: "mismatch" },
  ],
  [
    "Chinese first + last against a family-name-first full name without spaces",
    { firstName: "小明", lastName: "李" },
    { fullName: "李小明" },
    { ANY_NAME: "match", ONE_NAME: "match", ALL_NAMES: "match" },
  ],
  [
    "Chinese full name against first + last",
    { fullName: "李小明" },
    { firstName: "小明", lastName: "李" },
    { ANY_NAME: "match", ONE_NAME: "match", ALL_NAMES: "match" },
  ],
  [
    "Chinese, same family name, different given name, unsegmented full name",
    { firstName: "小红", lastName: "李" },
    { fullName: "李小明" },
    { ANY_NAME: "match", ONE_NAME: "mismatch", ALL_NAMES: "mismatch" },
  ],
  [
    "Chinese, nothing in common",
    { firstName: "小红", lastName: "王" },
    { fullName: "李小明" },
    { ANY_NAME: "mismatch", ONE_NAME: "mismatch", ALL_NAMES: "mismatch" },
  ],
  [
    "Chinese, segmented on both sides, given name differs",
    { firstName: "小红", lastName: "李" },
    { firstName: "小明", lastName: "李" },
    { ANY_NAME: "match", ONE_NAME: "match", ALL_NAMES: "mismatch" },
  ],
  [
    "Latin word inside another word is no match",
    { firstName: "Ann", lastName: "Li" },
    { fullName: "ANNA LIU" },
    { ANY_NAME: "mismatch", ONE_NAME: "mismatch", ALL_NAMES: "mismatch" },
  ],
  [
    "Pinyin first + last against a family-name-first full name",
    { firstName: "Xiaoming", lastName: "Li" },
    { fullName: "LI XIAOMING" },
    { ANY_NAME: "match", ONE_NAME: "match", ALL_NAMES: "match" },
  ],
  [
    "first and last swapped on the document",
    { firstName: "Wei", lastName: "Li" },
    { firstName: "LI", lastName: "WEI" },
    { ANY_NAME: "match", ONE_NAME: "match", ALL_NAMES: "match" },
  ],
  [
    "Arabic full name only: one word matches",
    { fullName: "محمد علي" },
    { firstName: "محمد", lastName: "حسن" },
    { ANY_NAME: "match", ONE_NAME: "mismatch", ALL_NAMES: "mismatch" },
  ],
  [
    "Arabic first + last, both match",
    { firstName: "محمد", lastName: "علي" },
    { fullName: "محمد علي" },
    { ANY_NAME: "match", ONE_NAME: "match", ALL_NAMES: "match" },
  ],
  [
    "only a last name given, and it matches",
    { lastName: "Schmidt" },
    { firstName: "ANNA", lastName: "SCHMIDT" },
    { ANY_NAME: "match", ONE_NAME: "match", ALL_NAMES: "match" },
  ],
];

describe("name-matching modes", () => {
  describe.each(CASES)("%s", (_case, applicant, document, expected) => {
    it.each(NAME_MATCH_MODES)("%s", (mode) => {
      expect(nameRow(applicant, document, mode)?.result).toBe(expected[mode]);
    });
  });

  it("labels the row with the mode and explains each field", () => {
    expect(nameRow({ firstName: "Anna", lastName: "Schmidt" }, { firstName: "ANNA", lastName: "MEYER" }, "ONE_NAME")).toEqual({
      field: "name",
      label: "Name (ONE_NAME rule)",
      applicantValue: "Anna Schmidt",
      documentValue: "ANNA MEYER",
      result: "match",
      note: "First name matches; last name does not match.",
    });
  });

  it("notes when ignoring accents would have matched", () => {
    const row = nameRow({ firstName: "Anna", lastName: "Müller" }, { firstName: "ANNA", lastName: "MULLER" }, "ALL_NAMES");
    expect(row).toMatchObject({ result: "mismatch", note: "First name matches; last name does not match. Differs only in accents." });
  });

  it("is missing when only one side has a name, and absent when neither has", () => {
    expect(nameRow({ firstName: "Anna" }, { dateOfBirth: "1990-01-01" }, "ANY_NAME")).toMatchObject({
      result: "missing",
      applicantValue: "Anna",
      documentValue: null,
    });
    expect(nameRow({}, { fullName: "ANNA SCHMIDT" }, "ANY_NAME")).toMatchObject({ result: "missing", applicantValue: null });
    expect(nameRow({ dateOfBirth: "1990-01-01" }, { dateOfBirth: "1990-01-01" }, "ANY_NAME")).toBeUndefined();
  });

  it("keeps the per-field rows independent of the mode", () => {
    const { rows } = compareApplicantToDocument(
      { firstName: "Anna", lastName: "Schmidt" },
      { firstName: "ANNA", lastName: "MEYER" },
      { nameMode: "ANY_NAME", today },
    );
    expect(rows.map((row) => `${row.field}:${row.result}`)).toEqual(["firstName:match", "lastName:mismatch", "name:match"]);
  });
});

describe("parseNameMatchMode", () => {
  it.each([
    [undefined, "ANY_NAME"],
    ["", "ANY_NAME"],
    ["  ", "ANY_NAME"],
    ["ONE_NAME", "ONE_NAME"],
    ["all_names", "ALL_NAMES"],
    [" Any_Name ", "ANY_NAME"],
  ] as const)("%j → %s", (value, mode) => {
    expect(parseNameMatchMode(value)).toBe(mode);
  });

  it("rejects an unknown mode instead of loosening to ANY_NAME", () => {
    expect(() => parseNameMatchMode("ALL")).toThrow(/NAME_MATCH_MODE must be one of ANY_NAME, ONE_NAME, ALL_NAMES/);
  });
});
