import type { DocumentDTO } from "@/lib/review/case-types";
import { ComparisonResult } from "./comparison-result";

/** A value as given, with Verdict's reading of it underneath where that is not obvious (ftmh, 1990-06-05). */
function Value({ value, reading }: { value: string | null; reading?: string }) {
  return (
    <>
      <bdi>{value ?? "—"}</bdi>
      {reading ? (
        <span className="block font-mono text-xs text-slate-500" data-testid="reading" title="How Verdict read this value">
          reads as <bdi>{reading}</bdi>
        </span>
      ) : null}
    </>
  );
}

/** Applicant data next to what the document says, field by field. */
export function ComparisonTable({ document }: { document: DocumentDTO }) {
  if (document.comparison.length === 0) return <p className="text-sm text-slate-500">Nothing to compare for this document.</p>;
  return (
    <table className="w-full text-sm" data-testid="comparison-table">
      <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th className="py-1 pr-3">Field</th>
          <th className="py-1 pr-3">Applicant</th>
          <th className="py-1 pr-3">Document</th>
          <th className="py-1">Result</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {document.comparison.map((row) => (
          <tr
            key={row.field}
            data-testid="comparison-row"
            data-field={row.field}
            data-result={row.result}
            className={row.result === "mismatch" ? "bg-rose-50/60" : undefined}
          >
            <td className="py-1.5 pr-3 text-slate-600">{row.label}</td>
            <td className="py-1.5 pr-3">
              <Value value={row.applicantValue} reading={row.applicantReading} />
            </td>
            <td className="py-1.5 pr-3">
              <Value value={row.documentValue} reading={row.documentReading} />
            </td>
            <td className="py-1.5">
              <ComparisonResult result={row.result} />
              {row.note ? <span className="ml-2 text-xs text-slate-500">{row.note}</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
