import { compareAddresses, compareCountries, compareDates, compareDocumentTypes, compareIdentifiers, compareSex } from "@/lib/compare/fields";
import { FIELD_LABELS } from "@/lib/compare/labels";
import { compareNameField, type NameParts } from "@/lib/compare/name-fields";
import { nameRuleRow } from "@/lib/compare/name-rule";
import { present } from "@/lib/compare/text";
import { readingsOf } from "@/lib/compare/transliterate";
import type { CompareOptions, ComparisonSummary, DocumentComparison, FieldComparison, Verdict } from "@/lib/compare/types";
import type { ApplicantData, CanonicalField, CanonicalFields } from "@/lib/providers/types";

type Comparator = (applicant: string, document: string) => Verdict;

type FieldRule = {
  field: CanonicalField;
  /** Fields an applicant normally never gives appear only when the applicant did give them. */
  onlyWhenApplicantHasIt?: boolean;
  compare: (context: { today: Date; applicant: NameParts; document: NameParts }) => Comparator;
};

// Name rows look at all three name fields (to spot first and last swapped), not just their own.
function nameRule(field: keyof NameParts): FieldRule["compare"] {
  return ({ applicant, document }) =>
    () =>
      compareNameField(field, applicant, document);
}

// Rows appear in this order; the Name rule row follows the three name rows.
const RULES: FieldRule[] = [
  { field: "firstName", compare: nameRule("firstName") },
  { field: "lastName", compare: nameRule("lastName") },
  { field: "fullName", compare: nameRule("fullName") },
  {
    field: "dateOfBirth",
    compare:
      ({ today }) =>
      (a, d) =>
        compareDates(a, d, "past", today),
  },
  { field: "sex", compare: () => compareSex },
  { field: "nationality", compare: () => compareCountries },
  { field: "documentType", onlyWhenApplicantHasIt: true, compare: () => compareDocumentTypes },
  { field: "documentNumber", compare: () => compareIdentifiers },
  { field: "issuingCountry", compare: () => compareCountries },
  {
    field: "issueDate",
    onlyWhenApplicantHasIt: true,
    compare:
      ({ today }) =>
      (a, d) =>
        compareDates(a, d, "past", today),
  },
  {
    field: "expiryDate",
    onlyWhenApplicantHasIt: true,
    compare:
      ({ today }) =>
      (a, d) =>
        compareDates(a, d, "any", today),
  },
  { field: "personalNumber", compare: () => compareIdentifiers },
  { field: "address", compare: () => compareAddresses },
];

const NAME_FIELDS = new Set<CanonicalField>(["firstName", "lastName", "fullName"]);

function nameParts(fields: CanonicalFields): NameParts {
  return {
    firstName: present(fields.firstName),
    lastName: present(fields.lastName),
    fullName: present(fields.fullName),
  };
}

function hasOtherName(parts: NameParts, except: CanonicalField): boolean {
  return Object.entries(parts).some(([field, value]) => field !== except && value !== null);
}

type RowContext = Parameters<FieldRule["compare"]>[0];

function compareRow(rule: FieldRule, applicant: ApplicantData, document: CanonicalFields, context: RowContext): FieldComparison | null {
  const applicantValue = present(applicant[rule.field]);
  const documentValue = present(document[rule.field]);
  if (!applicantValue && !documentValue) return null;
  if (rule.onlyWhenApplicantHasIt && !applicantValue) return null;
  const base = { field: rule.field, label: FIELD_LABELS[rule.field], applicantValue, documentValue };
  if (!applicantValue || !documentValue) {
    const otherSide = applicantValue ? context.document : context.applicant;
    const viaNameRow = NAME_FIELDS.has(rule.field) && hasOtherName(otherSide, rule.field);
    return viaNameRow ? { ...base, result: "missing", note: "Compared in the Name row." } : { ...base, result: "missing" };
  }
  const verdict = rule.compare(context)(applicantValue, documentValue);
  const { result, note, ...readings } = verdict;
  const compared = { ...base, result, ...readingsOf(applicantValue, documentValue), ...readings };
  return note ? { ...compared, note } : compared;
}

function summarise(rows: FieldComparison[]): ComparisonSummary {
  return {
    matches: rows.filter((row) => row.result === "match").length,
    mismatches: rows.filter((row) => row.result === "mismatch").length,
    missing: rows.filter((row) => row.result === "missing").length,
    otherScript: rows.filter((row) => row.result === "other_script").length,
    toCheck: rows.filter((row) => row.result === "other_script_check" || row.result === "not_compared").length,
  };
}

/**
 * The applicant's data next to one document's extracted fields, field by field. Pure and
 * deterministic for a given `today`. The summary counts every row shown, the Name row included.
 */
export function compareApplicantToDocument(applicant: ApplicantData, document: CanonicalFields, options: CompareOptions): DocumentComparison {
  const context = { today: options.today ?? new Date(), applicant: nameParts(applicant), document: nameParts(document) };
  const rows: FieldComparison[] = [];
  for (const rule of RULES) {
    const row = compareRow(rule, applicant, document, context);
    if (row) rows.push(row);
    if (rule.field !== "fullName") continue;
    const nameRow = nameRuleRow(context.applicant, context.document, options.nameMode);
    if (nameRow) rows.push(nameRow);
  }
  return { rows, summary: summarise(rows) };
}
