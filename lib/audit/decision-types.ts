import type { DecisionCursor } from "./decision-filters";

/** One decision as the auditor pages show it: names and comments already masked where they must be. */
export type DecisionPersonDTO = { id: string; name: string; email: string };

export type DecisionHistoryItemDTO = {
  id: string;
  decidedAt: string;
  updatedAt: string;
  sessionId: string;
  provider: string;
  /** As the provider spells itself (iDenfy). */
  providerName: string;
  providerSessionId: string;
  /** Masked without sessions:read_pii; null when the session has no name or was redacted. */
  applicantName: string | null;
  redacted: boolean;
  action: string;
  reasonCode: string;
  reasonLabel: string | null;
  /** The reviewer's free text; null when hidden from this viewer (it may quote personal data). */
  comment: string | null;
  commentHidden: boolean;
  actor: DecisionPersonDTO;
  secondActor: DecisionPersonDTO | null;
  state: string;
  /** The provider's answer in one line, or what happened instead (recorded, failed, pending). */
  providerResponse: string;
};

export type DecisionHistoryPageDTO = {
  items: DecisionHistoryItemDTO[];
  pageSize: number;
  nextCursor: DecisionCursor | null;
  previousCursor: DecisionCursor | null;
  /** Whether this viewer sees names and comments. */
  showsPersonalData: boolean;
};

export type StaffOptionDTO = { id: string; label: string };
