/** What the audit pages receive: plain data. Audit rows hold no personal data by design. */
export type AuditRowDTO = {
  seq: number;
  at: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** Canonical JSON of the row's details. */
  details: string;
  /** Null until the sealer has chained the row (shown as "sealing…"). */
  hash: string | null;
};

export type AuditLogPageDTO = {
  rows: AuditRowDTO[];
  pageSize: number;
  /** Seq bounds for the neighbouring pages, or null at either end. */
  olderThan: number | null;
  newerThan: number | null;
};
