import "server-only";
import type { sessionDocuments } from "@/db/schema";
import { compareApplicantToDocument, documentWarnings, type NameMatchMode } from "@/lib/compare";
import { FIELD_LABELS } from "@/lib/compare/labels";
import { CANONICAL_FIELDS, EXTRA_FIELDS, type ApplicantData, type CanonicalFields } from "@/lib/providers/types";
import type { DocumentDTO, ExtractedFieldDTO } from "./case-types";

type DocumentRow = typeof sessionDocuments.$inferSelect;
type Context = { sessionId: string; applicant: ApplicantData; nameMode: NameMatchMode; now: Date };

const pick = (stored: Record<string, string | null>, names: readonly string[]) =>
  Object.fromEntries(names.filter((name) => Object.hasOwn(stored, name)).map((name) => [name, stored[name] ?? null]));

/**
 * Every field the document carries, compared or not: canonical fields first (in the comparison's
 * order), then the extra ones (place of birth, issuing authority…). Blank values are left out.
 */
function extractedFields(stored: Record<string, string | null>): ExtractedFieldDTO[] {
  return [...CANONICAL_FIELDS, ...EXTRA_FIELDS].flatMap((field) => {
    const value = stored[field];
    return typeof value === "string" && value.trim() !== "" ? [{ field, label: FIELD_LABELS[field], value }] : [];
  });
}

/** One document of a case, unmasked: lib/sessions/mask.ts masks it for viewers who may not see it. */
export function documentDTO(doc: DocumentRow, { sessionId, applicant, nameMode, now }: Context): DocumentDTO {
  const stored = doc.fields;
  const fields = pick(stored, CANONICAL_FIELDS) as CanonicalFields;
  const { rows, summary } = compareApplicantToDocument(applicant, fields, { nameMode, today: now });
  return {
    id: doc.id,
    kind: doc.kind,
    documentType: doc.documentType,
    comparison: rows,
    summary,
    extracted: extractedFields(stored),
    warnings: documentWarnings(fields, now).map(({ code, message }) => ({ code, message })),
    media: Object.keys(doc.mediaKeys).map((name) => ({ name, url: `/api/sessions/${sessionId}/media/${doc.id}/${encodeURIComponent(name)}` })),
  };
}
