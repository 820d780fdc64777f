const STYLES: Record<string, string> = {
  match: "bg-emerald-50 text-emerald-800",
  passed: "bg-emerald-50 text-emerald-800",
  mismatch: "bg-rose-100 text-rose-900",
  failed: "bg-rose-100 text-rose-900",
  missing: "bg-amber-50 text-amber-900",
  review: "bg-amber-50 text-amber-900",
  not_compared: "bg-slate-100 text-slate-700",
  not_run: "bg-slate-100 text-slate-700",
};

const LABELS: Record<string, string> = {
  match: "Match",
  mismatch: "Mismatch",
  missing: "Missing",
  not_compared: "Not compared",
  passed: "Passed",
  failed: "Failed",
  review: "Review",
  not_run: "Not run",
};

export function ResultBadge({ result }: { result: string }) {
  return <span className={`inline-flex rounded px-1.5 py-0.5 text-xs font-medium ${STYLES[result] ?? STYLES.not_compared}`}>{LABELS[result] ?? result}</span>;
}
