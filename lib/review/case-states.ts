/**
 * Which cases are still open to work. Read only by session-abilities.ts, which answers for the
 * page (what it offers) and the server actions (what they accept). Pure: no database.
 */

/** The statuses a reviewer can still decide, claim or assign; everything else has been decided or moved on. */
export const DECIDABLE: ReadonlySet<string> = new Set(["marked_for_review", "completed"]);

/** Decided or ended for good: nothing more is added to such a case's record. */
export const CLOSED: ReadonlySet<string> = new Set(["approved", "declined", "expired"]);
