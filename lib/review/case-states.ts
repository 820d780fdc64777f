/**
 * Which cases are still open to work. Read only by session-abilities.ts, which answers for the
 * page (what it offers) and the server actions (what they accept). Pure: no database.
 */

/** The review queue holds the sessions in this status (partial index verification_sessions_queue_idx). */
export const REVIEW_STATUS = "marked_for_review";

/** The statuses a reviewer can still decide, claim or assign; everything else has been decided or moved on. */
export const DECIDABLE: ReadonlySet<string> = new Set(["marked_for_review", "completed"]);

/** Decided or ended for good: nothing more is added to such a case's record. */
export const CLOSED: ReadonlySet<string> = new Set(["approved", "declined", "expired"]);

type ClaimColumns = { assigneeId: string | null; claimExpiresAt: Date | null };

/** A claim holds while its lease runs: at its expiry instant it is free (queue-where.ts `unclaimedAt` in SQL). */
export function claimIsLive(session: ClaimColumns, now: Date): boolean {
  return session.assigneeId !== null && session.claimExpiresAt !== null && session.claimExpiresAt > now;
}
