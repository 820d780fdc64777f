import { describe, expect, it } from "vitest";
import { compareApplicantToDocument, NAME_MATCH_MODES } from "@/lib/compare";
import type { NameMatchMode } from "@/lib/compare";
import type { ApplicantData, CanonicalFields } from "@/lib/providers/types";

const today = new Date("2026-06-15T12:00:00Z");

function compare(applicant: ApplicantData, document: CanonicalFields, nameMode: NameMatchMode = "ANY_NAME") {
  return compareApplicantToDocument(applicant, document, { nameMode, today });
}

const resultOf = (applicant: ApplicantData, document: CanonicalFields, field: string, nameMode?: NameMatchMode) =>
  compare(applicant, document, nameMode).rows.find((row) => row.field === field)?.result;

type Pair = [script: string, applicant: ApplicantData, document: CanonicalFields];

/** The same person, the applicant in Latin letters, the document in its own script. */
const SAME_PERSON: Pair[] = [
  ["Arabic", { firstName: "Fatima", lastName: "Al-Otaibi" }, { firstName: "فاطمة", lastName: "العتيبي" }],
  ["Arabic (ta marbuta spelled -ah)", { firstName: "Fatimah", lastName: "Haddad" }, { firstName: "فاطمة", lastName: "حداد" }],
  ["Arabic (two-word given name)", { firstName: "Abdullah", lastName: "Mansour" }, { firstName: "عبد الله", lastName: "منصور" }],
  ["Arabic (ta marbuta after sh)", { firstName: "Aisha", lastName: "Mansour" }, { firstName: "عائشة", lastName: "منصور" }],
  ["Arabic (long vowels)", { firstName: "Youssef", lastName: "Al-Hassan" }, { firstName: "يوسف", lastName: "الحسن" }],
  ["Cyrillic", { firstName: "Ivan", lastName: "Petrov" }, { firstName: "ИВАН", lastName: "ПЕТРОВ" }],
  ["Cyrillic (Ukrainian)", { firstName: "Yuliia", lastName: "Shevchenko" }, { firstName: "Юлія", lastName: "Шевченко" }],
  ["Cyrillic (ё)", { firstName: "Alyona", lastName: "Kuznetsova" }, { firstName: "Алёна", lastName: "Кузнецова" }],
  ["Greek", { firstName: "Eleni", lastName: "Papadopoulou" }, { firstName: "Ελένη", lastName: "Παπαδοπούλου" }],
  ["Chinese", { firstName: "Xiaoming", lastName: "Li" }, { firstName: "小明", lastName: "李" }],
  ["Chinese (foreign name)", { firstName: "Fatima", lastName: "Wang" }, { firstName: "法蒂玛", lastName: "王" }],
  ["Latin with diacritics (Serbian)", { firstName: "Đorđe", lastName: "Petrović" }, { firstName: "Ђорђе", lastName: "Петровић" }],
];

describe("names in different scripts", () => {
  it("the issue's case: Fatima against فاطمة is not three mismatches", () => {
    const { rows, summary } = compare({ firstName: "Fatima", lastName: "Al-Otaibi" }, { firstName: "فاطمة", lastName: "العتيبي" });
    expect(summary.mismatches).toBe(0);
    expect(rows.map((row) => [row.field, row.result])).toEqual([
      ["firstName", "other_script"],
      ["lastName", "other_script"],
      ["name", "other_script"],
    ]);
    expect(summary.otherScript).toBe(3);
  });

  it.each(SAME_PERSON)("%s: every name row says same name, other script, in every mode", (_script, applicant, document) => {
    for (const mode of NAME_MATCH_MODES) {
      const { rows } = compare(applicant, document, mode);
      const nameRows = rows.filter((row) => ["firstName", "lastName", "fullName", "name"].includes(row.field));
      expect(nameRows.map((row) => [row.field, row.result])).toEqual(nameRows.map((row) => [row.field, "other_script"]));
    }
  });

  it.each([
    ["Chinese, family name first, no spaces", { fullName: "Li Xiaoming" }, { fullName: "李小明" }],
    ["Chinese, given name first", { fullName: "Xiaoming Li" }, { fullName: "李小明" }],
    ["Cyrillic, the document adds a patronymic", { fullName: "Ivan Petrov" }, { fullName: "Иван Сергеевич Петров" }],
    ["Arabic, the definite article written apart", { fullName: "Fatima Al Otaibi" }, { fullName: "فاطمة العتيبي" }],
  ] as const)("%s: full names", (_case, applicant, document) => {
    expect(resultOf(applicant, document, "fullName")).toBe("other_script");
    expect(resultOf(applicant, document, "name")).toBe("other_script");
  });

  it("works the other way round too: the applicant wrote in the document's own script, the document is Latin", () => {
    expect(resultOf({ firstName: "Иван" }, { firstName: "IVAN" }, "firstName")).toBe("other_script");
  });

  it.each([
    ["Arabic", { firstName: "Fatima", lastName: "Haddad" }, { firstName: "مريم", lastName: "منصور" }],
    ["Cyrillic", { firstName: "Anna", lastName: "Smirnova" }, { firstName: "Ольга", lastName: "Петрова" }],
    ["Greek", { firstName: "Eleni", lastName: "Papadopoulou" }, { firstName: "Αικατερίνη", lastName: "Γεωργίου" }],
    ["Chinese", { firstName: "Xiaoming", lastName: "Li" }, { firstName: "秀英", lastName: "张" }],
  ] as const)("%s, a genuinely different name: other script, check by eye; never a match, never a mismatch", (_script, applicant, document) => {
    for (const mode of NAME_MATCH_MODES) {
      const { rows, summary } = compare(applicant, document, mode);
      for (const row of rows) expect(row.result).toBe("other_script_check");
      expect(summary).toMatchObject({ matches: 0, mismatches: 0, otherScript: 0, toCheck: rows.length });
    }
  });

  it("a gendered surname form is not claimed to be the same name (Petrov / Петрова)", () => {
    expect(resultOf({ lastName: "Petrov" }, { lastName: "Петрова" }, "lastName")).toBe("other_script_check");
  });

  it("one name the same, the other not: ANY_NAME passes, ALL_NAMES leaves it to the eye", () => {
    const applicant = { firstName: "Fatima", lastName: "Haddad" };
    const document = { firstName: "فاطمة", lastName: "منصور" };
    expect(resultOf(applicant, document, "firstName")).toBe("other_script");
    expect(resultOf(applicant, document, "lastName")).toBe("other_script_check");
    expect(resultOf(applicant, document, "name", "ANY_NAME")).toBe("other_script");
    expect(resultOf(applicant, document, "name", "ALL_NAMES")).toBe("other_script_check");
  });

  it("gives the Latin reading of the other-script side, and notes that quote no value", () => {
    const row = compare({ firstName: "Fatima" }, { firstName: "فاطمة" }).rows.find((r) => r.field === "firstName")!;
    expect(row.documentReading).toBe("ftmh");
    expect(row.applicantReading).toBeUndefined();
    expect(row.note).toMatch(/Arabic/);
    for (const value of ["Fatima", "فاطمة", "ftmh"]) expect(row.note).not.toContain(value);
    const chinese = compare({ firstName: "Fatima" }, { firstName: "法蒂玛" }).rows.find((r) => r.field === "firstName")!;
    expect(chinese.documentReading).toBe("FaDiMa");
  });

  it("leaves same-script comparisons as they were: Latin accents stay an accent mismatch", () => {
    const row = compare({ firstName: "Jose" }, { firstName: "José" }).rows.find((r) => r.field === "firstName")!;
    expect(row).toMatchObject({ result: "mismatch", note: "Differs only in accents." });
    expect(resultOf({ firstName: "Иван" }, { firstName: "ИВАН" }, "firstName")).toBe("match");
  });

  it("a value in another script that a typed rule does not know is left to the eye, not called a mismatch", () => {
    expect(resultOf({ sex: "F" }, { sex: "Ж" }, "sex")).toBe("other_script_check");
    expect(resultOf({ documentType: "passport" }, { documentType: "Паспорт" }, "documentType")).toBe("other_script_check");
  });
});
