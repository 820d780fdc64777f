/** The outcome of walking the audit chain, as the UI and the CLI show it. */
export type ChainCheckDTO = {
  ok: boolean;
  checked: number;
  /** Committed rows not chained yet (fresh ones do not fail the check; stale ones do). */
  unsealed: number;
  brokenSeq: number | null;
  reason: string | null;
  /**
   * "audit chain intact: N rows[; M rows still sealing]", "audit chain BROKEN at seq N: <reason>"
   * or "audit chain NOT SEALED at seq N: <reason>".
   */
  message: string;
  checkedAt: string;
};
