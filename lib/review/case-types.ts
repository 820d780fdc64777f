import type { CommonStatus } from "@/lib/sessions/status";

/** What the case view receives: plain data, personal data already masked where it must be. */
export type RouteKind = "provider" | "record" | "unavailable";

export type ComparisonRowDTO = {
  field: string;
  label: string;
  applicantValue: string | null;
  documentValue: string | null;
  /** other_script: "same name, other script"; other_script_check: "other script, check by eye" (lib/compare/types.ts). */
  result: "match" | "mismatch" | "missing" | "not_compared" | "other_script" | "other_script_check";
  /** Never quotes a value. */
  note?: string;
  /** How Verdict read the value (Latin reading of another script, date of an ambiguous date); absent when masked. */
  applicantReading?: string;
  documentReading?: string;
};

/** One field as the document carries it, compared or not (place of birth, issuing authority, …). */
export type ExtractedFieldDTO = { field: string; label: string; value: string };

export type DocumentWarningDTO = { code: string; message: string };

export type DocumentDTO = {
  id: string;
  kind: string;
  documentType: string | null;
  comparison: ComparisonRowDTO[];
  summary: { matches: number; mismatches: number; missing: number; otherScript: number; toCheck: number };
  /** Every field read off the document, in a fixed order. */
  extracted: ExtractedFieldDTO[];
  warnings: DocumentWarningDTO[];
  media: { name: string; url: string }[];
};

export type CheckDTO = {
  id: string;
  kind: string;
  /** The check's name in words (lib/review/code-explanations.ts checkLabel). */
  label: string;
  result: string;
  score: number | null;
  codes: { code: string; explanation: string }[];
};

export type TimelineEntryDTO = {
  id: number;
  at: string;
  type: string;
  actor: string | null;
  summary: string;
  /** Free text the entry carries (a comment, a decision's comment); absent when masked. */
  text?: string;
  /** Consecutive claim and release rows folded into this one; the summary counts them. */
  entries?: TimelineEntryDTO[];
};

export type CaseDTO = {
  id: string;
  provider: string;
  providerName: string;
  providerSessionId: string;
  displayName: string | null;
  status: CommonStatus;
  rawStatus: string;
  version: number;
  createdAt: string | null;
  redacted: boolean;
  showPii: boolean;
  applicant: { field: string; label: string; value: string | null }[];
  documents: DocumentDTO[];
  checks: CheckDTO[];
  timeline: TimelineEntryDTO[];
  claim: { holderName: string; expiresAt: string; mine: boolean } | null;
  nameMode: string;
  /** What the page offers the viewer (lib/review/case-offers.ts): the page reads these, never the status. */
  can: {
    /** The decision form: the viewer decides, holds the claim, and the case waits for a decision. */
    decide: boolean;
    /** The n key (claim the next case from the queue). */
    nextCase: boolean;
    /** "Claim this case": nobody holds it and it may be claimed. */
    claim: boolean;
    /** The viewer's open page renews the viewer's lease. */
    renewClaim: boolean;
    release: boolean;
    /** "Take over" a case someone else holds. */
    takeOver: boolean;
    assign: boolean;
    comment: boolean;
    expire: boolean;
    redact: boolean;
    actions: Record<"approve" | "decline" | "resubmit", RouteKind>;
    expireAtProvider: boolean;
    redactAtProvider: boolean;
  };
  reasons: Record<"approve" | "decline" | "resubmit", { code: string; label: string }[]>;
  assignees: { id: string; name: string }[];
};
