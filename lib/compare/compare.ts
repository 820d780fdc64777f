import {
  compareAddresses,
  compareCountries,
  compareDates,
  compareDocumentTypes,
  compareIdentifiers,
  compareSex,
} from "@/lib/compare/fields";
import { compareNameField, type NameParts } from "@/lib/compare/name-fields";
import { nameRuleRow } from "@/lib/compare/name-rule";
import { present } from "@/lib/compare/text";
import type {
  CompareOptions,
  ComparisonSummary,
  DocumentComparison,
  FieldComparison,
  Verdict,
} from "@/lib/compare/types";
import type { ApplicantData, CanonicalField, CanonicalFields } from "@/lib/providers/types";

type Comparator = (applicant: string, document: string) => Verdict;

type FieldRule = {
  field: CanonicalField;
  label: string;
  /** Fields an applicant normally never gives appear only when the applicant did give them. */
  onlyWhenApplicantHasIt?: boolean;
  compare: (context: { today: Date; applicant: NameParts; document: NameParts }) => Comparator;
};

// Name rows look at all three name fields (to spot first and last swapped), not just their own.
function nameRule(field: keyof NameParts): FieldRule["compare"] {
  return ({ applicant, document }) => () => compareNameField(field, applicant, document);
}

// Rows appear in this order; the Name rule row follows the three name rows.
const RULES: FieldRule[] = [
  { field: "firstName", label: "First name", compare: nameRule("firstName") },
  { field: "lastName", label: "Last name", compare: nameRule("lastName") },
  { field: "fullName", label: "Full name", compare: nameRule("fullName") },
  { field: "dateOfBirth", label: "Date of birth", compare: ({ today }) => (a, d) => compareDates(a, d, "past", today) },
  { field: "sex", label: "Sex", compare: () => compareSex },
  { field: "nationality", label: "Nationality", compare: () => compareCountries },
  { field: "documentType", label: "Document type", onlyWhenApplicantHasIt: true, compare: () => compareDocumentTypes },
  { field: "documentNumber", label: "Document number", compare: () => compareIdentifiers },
  { field: "issuingCountry", label: "Issuing country", compare: () => compareCountries },
  {
    field: "issueDate",
    label: "Issue date",
    onlyWhenApplicantHasIt: true,
    compare: ({ today }) => (a, d) => compareDates(a, d, "past", today),
  },
  {
    field: "expiryDate",
    label: "Expiry date",
    onlyWhenApplicantHasIt: true,
    compare: ({ today }) => (a, d) => compareDates(a, d, "any", today),
  },
  { field: "personalNumber", label: "Personal number", compare: () => compareIdentifiers },
  { field: "address", label: "Address", compare: () => compareAddresses },
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

function compareRow(
  rule: FieldRule,
  applicant: ApplicantData,
  document: CanonicalFields,
  context: RowContext,
): FieldComparison | null {
  const applicantValue = present(applicant[rule.field]);
  const documentValue = present(document[rule.field]);
  if (!applicantValue && !documentValue) return null;
  if (rule.onlyWhenApplicantHasIt && !applicantValue) return null;
  const base = { field: rule.field, label: rule.label, applicantValue, documentValue };
  if (!applicantValue || !documentValue) {
    const otherSide = applicantValue ? context.document : context.applicant;
    const viaNameRow = NAME_FIELDS.has(rule.field) && hasOtherName(otherSide, rule.field);
    return viaNameRow ? { ...base, result: "missing", note: "Compared in the Name row." } : { ...base, result: "missing" };
  }
  const verdict = rule.compare(context)(applicantValue, documentValue);
  return verdict.note ? { ...base, result: verdict.result, note: verdict.note } : { ...base, result: verdict.result };
}

function summarise(rows: FieldComparison[]): ComparisonSummary {
  return {
    matches: rows.filter((row) => row.result === "match").length,
    mismatches: rows.filter((row) => row.result === "mismatch").length,
    missing: rows.filter((row) => row.result === "missing").length,
  };
}

/**
 * The applicant's data next to one document's extracted fields, field by field. Pure and
 * deterministic for a given `today`. The summary counts every row shown, the Name row included.
 */
export function compareApplicantToDocument(
  applicant: ApplicantData,
  document: CanonicalFields,
  options: CompareOptions,
): DocumentComparison {
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
