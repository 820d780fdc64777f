import type { DecisionHistoryItemDTO } from "./decision-types";
import type { AuditRowDTO } from "./log-types";

/** The per-session evidence page: facts, decisions, timeline and audit rows, masked as needed. */
export type SessionFactsDTO = {
  id: string;
  provider: string;
  providerSessionId: string;
  status: string;
  rawStatus: string;
  applicantName: string | null;
  assignee: string | null;
  version: number;
  providerCreatedAt: string | null;
  providerUpdatedAt: string | null;
  lastSyncedAt: string | null;
  createdAt: string;
  redactedAt: string | null;
};

export type EvidenceTimelineEntryDTO = { id: number; at: string; type: string; actor: string | null; summary: string };

export type SessionEvidenceDTO = {
  session: SessionFactsDTO;
  decisions: DecisionHistoryItemDTO[];
  timeline: EvidenceTimelineEntryDTO[];
  auditRows: AuditRowDTO[];
  /** True when more audit rows exist than the page shows (the audit log has them all). */
  auditRowsTruncated: boolean;
  showsPersonalData: boolean;
  generatedAt: string;
};
