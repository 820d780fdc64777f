import { NAME_LIKE_FIELDS } from "@/lib/compare/labels";
import { WARNING_SUMMARIES, type DocumentWarningCode } from "@/lib/compare/warnings";
import type { CaseDTO, ComparisonRowDTO, DocumentDTO, TimelineEntryDTO } from "@/lib/review/case-types";

/**
 * Masking for viewers without `sessions:read_pii`. Applied on the server before data leaves
 * the data layer, so the unmasked value never reaches their browser.
 */
export function maskName(value: string | null): string | null {
  if (!value) return value;
  return value
    .split(/(\s+)/)
    .map((part) => (/^\s+$/.test(part) || part.length === 0 ? part : `${Array.from(part)[0]}•••`))
    .join("");
}

export function maskEmail(value: string | null): string | null {
  if (!value) return value;
  const at = value.lastIndexOf("@");
  if (at < 1) return "•••";
  return `${Array.from(value)[0]}•••${value.slice(at)}`;
}

export const MASKED = "•••";

/**
 * One field's value: names keep their initials, in their own script (an auditor can tell cases
 * apart); anything else (dates, numbers, addresses, e-mail) shows only that a value exists.
 */
export function maskFieldValue(field: string, value: string | null): string | null {
  if (value === null) return null;
  return NAME_LIKE_FIELDS.has(field) ? (maskName(value) ?? MASKED) : MASKED;
}

// Notes never quote values (lib/compare/types.ts), so they stay; readings are values and go.
function maskRow({ applicantReading: _a, documentReading: _d, ...row }: ComparisonRowDTO): ComparisonRowDTO {
  return { ...row, applicantValue: maskFieldValue(row.field, row.applicantValue), documentValue: maskFieldValue(row.field, row.documentValue) };
}

function maskDocument(document: DocumentDTO): DocumentDTO {
  return {
    ...document,
    comparison: document.comparison.map(maskRow),
    extracted: document.extracted.map((item) => ({ ...item, value: maskFieldValue(item.field, item.value) ?? MASKED })),
    // "Expired on <date>", "the holder is 16": the value-free sentence for the same warning.
    warnings: document.warnings.map((warning) => ({
      code: warning.code,
      message: WARNING_SUMMARIES[warning.code as DocumentWarningCode] ?? "Check this document.",
    })),
    media: [],
  };
}

function maskEntry({ text: _text, entries, ...entry }: TimelineEntryDTO): TimelineEntryDTO {
  return entries ? { ...entry, entries: entries.map(maskEntry) } : entry;
}

/**
 * The case as a viewer without sessions:read_pii may see it: the one place that decides what
 * of a case is personal. Free text (comments) is withheld, images are not offered, and every
 * value the applicant gave or the document holds is masked, including the readings beside them.
 */
export function maskCase(kase: CaseDTO): CaseDTO {
  return {
    ...kase,
    showPii: false,
    displayName: maskName(kase.displayName),
    applicant: kase.applicant.map((item) => ({ ...item, value: maskFieldValue(item.field, item.value) })),
    documents: kase.documents.map(maskDocument),
    timeline: kase.timeline.map(maskEntry),
  };
}
