import type { DocumentDTO } from "@/lib/review/case-types";
import { ComparisonTable } from "./comparison-table";

const KIND_LABELS: Record<string, string> = { idv: "Identity document", address: "Proof of address", other: "Other reading" };

export function DocumentCard({ document }: { document: DocumentDTO }) {
  const { matches, mismatches, missing } = document.summary;
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="document-card">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-medium">
          {KIND_LABELS[document.kind] ?? document.kind}
          {document.documentType ? <span className="ml-2 text-sm font-normal text-slate-500">{document.documentType}</span> : null}
        </h3>
        <p className="text-xs text-slate-500">
          {matches} match · {mismatches} mismatch · {missing} missing
        </p>
      </header>
      {document.warnings.length ? (
        <ul className="space-y-1 text-sm text-amber-900">
          {document.warnings.map((warning) => (
            <li key={warning} className="rounded bg-amber-50 px-2 py-1">
              {warning}
            </li>
          ))}
        </ul>
      ) : null}
      <ComparisonTable document={document} />
      {document.media.length ? (
        <div className="flex flex-wrap gap-3">
          {document.media.map((media) => (
            <a key={media.name} href={media.url} target="_blank" rel="noreferrer" className="block text-center text-xs text-slate-600">
              {/* eslint-disable-next-line @next/next/no-img-element -- served by our own audited route */}
              <img src={media.url} alt={`${media.name} image`} loading="lazy" className="h-32 w-auto rounded border border-slate-200 bg-slate-50 object-contain" data-testid="document-image" />
              {media.name}
            </a>
          ))}
        </div>
      ) : null}
    </section>
  );
}
