/** The outcome of walking the audit chain, as the UI and the CLI show it. */
export type ChainCheckDTO = {
  ok: boolean;
  checked: number;
  brokenSeq: number | null;
  reason: string | null;
  /** "audit chain intact: N rows" or "audit chain BROKEN at seq N: <reason>". */
  message: string;
  checkedAt: string;
};
