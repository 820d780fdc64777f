import type { ComparisonRowDTO } from "@/lib/review/case-types";

type Result = ComparisonRowDTO["result"];

const STYLES: Record<Result, string> = {
  match: "bg-emerald-50 text-emerald-800",
  mismatch: "bg-rose-100 text-rose-900",
  missing: "bg-amber-50 text-amber-900",
  not_compared: "bg-slate-100 text-slate-700",
  // Agreement by transliteration is a strong hint, not proof: teal, not the match's green.
  other_script: "bg-teal-50 text-teal-800",
  other_script_check: "bg-sky-50 text-sky-900",
};

export const COMPARISON_LABELS: Record<Result, string> = {
  match: "Match",
  mismatch: "Mismatch",
  missing: "Missing",
  not_compared: "Not compared",
  other_script: "Same name, other script",
  other_script_check: "Other script — check by eye",
};

export function ComparisonResult({ result }: { result: Result }) {
  return <span className={`inline-flex rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${STYLES[result]}`}>{COMPARISON_LABELS[result]}</span>;
}
