/** Applicant data vs extracted document data. Pure: safe on the server and in tests. */
export { compareApplicantToDocument } from "@/lib/compare/compare";
export { NAME_MATCH_MODES, parseNameMatchMode, type NameMatchMode } from "@/lib/compare/name-mode";
export type { CompareOptions, ComparedField, ComparisonResult, ComparisonSummary, DocumentComparison, FieldComparison } from "@/lib/compare/types";
export { documentWarnings, EXPIRY_WARNING_DAYS, type DocumentWarning, type DocumentWarningCode } from "@/lib/compare/warnings";
