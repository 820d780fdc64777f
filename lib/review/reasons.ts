import "server-only";
import fs from "node:fs";
import { z } from "zod";
import { getEnv } from "@/lib/env";
import type { DecisionAction } from "@/lib/providers/types";

export type ReasonCode = { code: string; label: string };
export type ReasonCatalogue = Record<DecisionAction, ReasonCode[]>;

/** The default catalogue; DECISION_REASONS_FILE may replace it with a JSON file of the same shape. */
export const DEFAULT_REASONS: ReasonCatalogue = {
  approve: [
    { code: "DATA_VERIFIED", label: "Data and document verified by the reviewer" },
    { code: "MISMATCH_EXPLAINED", label: "Mismatch explained (transliteration, typo, name change)" },
    { code: "FALSE_POSITIVE_SCREENING", label: "Screening hit is a false positive" },
  ],
  decline: [
    { code: "DOCUMENT_FORGED", label: "Document forged or tampered" },
    { code: "DOCUMENT_EXPIRED", label: "Document expired" },
    { code: "DATA_MISMATCH", label: "Applicant data does not match the document" },
    { code: "FACE_MISMATCH", label: "Face does not match the document" },
    { code: "SANCTIONS_OR_PEP", label: "Sanctions or PEP match" },
    { code: "UNDERAGE", label: "Applicant under the minimum age" },
    { code: "DUPLICATE_IDENTITY", label: "Identity already used by another account" },
    { code: "OTHER", label: "Other (explain in the comment)" },
  ],
  resubmit: [
    { code: "IMAGE_QUALITY", label: "Images blurry, cut off or glared" },
    { code: "WRONG_DOCUMENT", label: "Wrong or unsupported document type" },
    { code: "DOCUMENT_EXPIRED", label: "Document expired: a valid one is needed" },
    { code: "SELFIE_UNUSABLE", label: "Selfie or liveness unusable" },
    { code: "OTHER", label: "Other (explain in the comment)" },
  ],
};

const Catalogue = z.object({
  approve: z.array(z.object({ code: z.string().regex(/^[A-Z0-9_]{2,40}$/), label: z.string().min(1) })).min(1),
  decline: z.array(z.object({ code: z.string().regex(/^[A-Z0-9_]{2,40}$/), label: z.string().min(1) })).min(1),
  resubmit: z.array(z.object({ code: z.string().regex(/^[A-Z0-9_]{2,40}$/), label: z.string().min(1) })).min(1),
});

let cached: ReasonCatalogue | undefined;

/** Read once; a broken file stops with a message naming it rather than silently using defaults. */
export function getReasonCatalogue(file = getEnv().DECISION_REASONS_FILE): ReasonCatalogue {
  if (cached) return cached;
  if (!file) return (cached = DEFAULT_REASONS);
  const parsed = Catalogue.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`DECISION_REASONS_FILE ${file} is not a valid reason catalogue: ${parsed.error.message}`);
  return (cached = parsed.data);
}

export function isKnownReason(action: DecisionAction, code: string): boolean {
  return getReasonCatalogue()[action].some((reason) => reason.code === code);
}

/** The catalogue's words for a reason code; null for a code the catalogue no longer has. */
export function reasonLabel(action: string, code: string): string | null {
  // `action` comes from stored rows (timeline details too), so it is looked up as any text.
  const byAction: Partial<Record<string, ReasonCode[]>> = getReasonCatalogue();
  return byAction[action]?.find((reason) => reason.code === code)?.label ?? null;
}
