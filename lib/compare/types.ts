import type { CanonicalField } from "@/lib/providers/types";
import type { NameMatchMode } from "@/lib/compare/name-mode";

/**
 * `other_script`: the values are in different scripts and their transliterations agree ("same
 * name, other script"). `other_script_check`: different scripts, transliterations do not clearly
 * agree ("other script, check by eye"). Neither is a match or a mismatch: a transliteration
 * can suggest a name is the same, it cannot prove either way.
 */
export type ComparisonResult = "match" | "mismatch" | "missing" | "not_compared" | "other_script" | "other_script_check";

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
  /** Why, in words. Never quotes a value: notes are shown beside masked values too. */
  note?: string;
  /**
   * How Verdict read a value where that is not obvious: the Latin reading of another script
   * (فاطمة → ftmh), the calendar date of an ambiguous date (05/06/1990 → 1990-06-05). Personal
   * data, masked like the values.
   */
  applicantReading?: string;
  documentReading?: string;
};

export type ComparisonSummary = {
  matches: number;
  mismatches: number;
  missing: number;
  /** Same name, other script. */
  otherScript: number;
  /** Left to the reviewer's eye: other script without agreement, and values no rule could compare. */
  toCheck: number;
};

export type DocumentComparison = { rows: FieldComparison[]; summary: ComparisonSummary };

export type CompareOptions = {
  nameMode: NameMatchMode;
  /** Only used to place two-digit MRZ years (YYMMDD) in a century; defaults to now. */
  today?: Date;
};

/** What a field comparator decides once both sides hold a value. */
export type Verdict = { result: Exclude<ComparisonResult, "missing">; note?: string } & Pick<FieldComparison, "applicantReading" | "documentReading">;
