import type { CanonicalField } from "@/lib/providers/types";
import type { NameMatchMode } from "@/lib/compare/name-mode";

export type ComparisonResult = "match" | "mismatch" | "missing" | "not_compared";

/** A canonical field, or `name`: the verdict of the configured name-matching mode. */
export type ComparedField = CanonicalField | "name";

export type FieldComparison = {
  field: ComparedField;
  /** English label for the UI. */
  label: string;
  /** The raw value as given (blank strings are reported as null); normalisation is only for comparing. */
  applicantValue: string | null;
  documentValue: string | null;
  result: ComparisonResult;
  note?: string;
};

export type ComparisonSummary = { matches: number; mismatches: number; missing: number };

export type DocumentComparison = { rows: FieldComparison[]; summary: ComparisonSummary };

export type CompareOptions = {
  nameMode: NameMatchMode;
  /** Only used to place two-digit MRZ years (YYMMDD) in a century; defaults to now. */
  today?: Date;
};

/** What a field comparator decides once both sides hold a value. */
export type Verdict = { result: "match" | "mismatch" | "not_compared"; note?: string };
