import type { DocumentDTO } from "@/lib/review/case-types";
import { ComparisonTable } from "./comparison-table";
import { DocumentImage } from "./document-image";
import { ExtractedFields } from "./extracted-fields";

const KIND_LABELS: Record<string, string> = { idv: "Identity document", address: "Proof of address", other: "Other reading" };

export function DocumentCard({ document }: { document: DocumentDTO }) {
  const { matches, mismatches, missing, otherScript, toCheck } = document.summary;
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="document-card">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-medium">
          {KIND_LABELS[document.kind] ?? document.kind}
          {document.documentType ? <span className="ml-2 text-sm font-normal text-slate-500">{document.documentType}</span> : null}
        </h3>
        <p className="text-xs text-slate-500">
          {matches} match · {mismatches} mismatch · {missing} missing
          {otherScript ? ` · ${otherScript} same name, other script` : ""}
          {toCheck ? ` · ${toCheck} to check by eye` : ""}
        </p>
      </header>
      {document.warnings.length ? (
        <ul className="space-y-1 text-sm text-amber-900">
          {document.warnings.map((warning) => (
            <li key={warning.code} className="rounded bg-amber-50 px-2 py-1" data-code={warning.code}>
              {warning.message}
            </li>
          ))}
        </ul>
      ) : null}
      <ComparisonTable document={document} />
      <ExtractedFields document={document} />
      {document.media.length ? (
        <div className="flex flex-wrap gap-3">
          {document.media.map((media) => (
            <DocumentImage key={media.name} url={media.url} name={media.name} />
          ))}
        </div>
      ) : null}
    </section>
  );
}
