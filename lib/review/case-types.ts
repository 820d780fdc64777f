import type { CommonStatus } from "@/lib/sessions/status";

/** What the case view receives: plain data, personal data already masked where it must be. */
export type RouteKind = "provider" | "record" | "unavailable";

export type ComparisonRowDTO = {
  field: string;
  label: string;
  applicantValue: string | null;
  documentValue: string | null;
  result: "match" | "mismatch" | "missing" | "not_compared";
  note?: string;
};

export type DocumentDTO = {
  id: string;
  kind: string;
  documentType: string | null;
  comparison: ComparisonRowDTO[];
  summary: { matches: number; mismatches: number; missing: number };
  warnings: string[];
  media: { name: string; url: string }[];
};

export type CheckDTO = { id: string; kind: string; result: string; score: number | null; codes: { code: string; explanation: string }[] };

export type TimelineEntryDTO = { id: number; at: string; type: string; actor: string | null; summary: string };

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
  applicant: { label: string; value: string | null }[];
  documents: DocumentDTO[];
  checks: CheckDTO[];
  timeline: TimelineEntryDTO[];
  claim: { holderName: string; expiresAt: string; mine: boolean } | null;
  nameMode: string;
  can: {
    decide: boolean;
    comment: boolean;
    assign: boolean;
    expire: boolean;
    redact: boolean;
    actions: Record<"approve" | "decline" | "resubmit", RouteKind>;
    expireAtProvider: boolean;
    redactAtProvider: boolean;
  };
  reasons: Record<"approve" | "decline" | "resubmit", { code: string; label: string }[]>;
  assignees: { id: string; name: string }[];
};
