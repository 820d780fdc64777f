import type { DocumentDTO } from "@/lib/review/case-types";

/**
 * What the document carries beyond the comparison rows (place of birth, issuing authority, an
 * expiry date the applicant was never asked for…), so nothing the provider read stays hidden.
 */
export function ExtractedFields({ document }: { document: DocumentDTO }) {
  const compared = new Set(document.comparison.map((row) => row.field));
  const rest = document.extracted.filter((item) => !compared.has(item.field));
  if (rest.length === 0) return null;
  return (
    <div className="space-y-1" data-testid="extracted-fields">
      <h4 className="text-xs font-medium uppercase tracking-wide text-slate-500">Also read from the document</h4>
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
        {rest.map((item) => (
          <div key={item.field} className="flex gap-2" data-field={item.field}>
            <dt className="shrink-0 text-slate-600">{item.label}</dt>
            <dd>
              <bdi>{item.value}</bdi>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
