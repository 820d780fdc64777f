import "server-only";
import { and, arrayContains, eq, exists, gt, isNull, lte, ne, or, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { sessionChecks, verificationSessions } from "@/db/schema";
import { REVIEW_STATUS } from "./case-states";
import { AGE_BUCKET_RANGES, type QueueFilters } from "./queue-filters";

const s = verificationSessions;

/** In the review queue: the partial index verification_sessions_queue_idx covers exactly this. */
export const IN_QUEUE = and(eq(s.status, REVIEW_STATUS), isNull(s.redactedAt))!;

/** Nobody holds a live claim: never claimed, released, or the lease ran out. */
export const unclaimedAt = (now: Date) => or(isNull(s.assigneeId), isNull(s.claimExpiresAt), lte(s.claimExpiresAt, now))!;

/**
 * The queue's filters as conditions on verification_sessions. Each one narrows the same
 * oldest-first index scan (a range on provider_created_at for the age bucket); the risk
 * filters probe a session's checks through session_checks' (session_id, …) index.
 */
export function queueConditions(db: Database, filters: QueueFilters, viewerId: string, now: Date): SQL {
  const conditions: SQL[] = [IN_QUEUE];
  if (filters.provider) conditions.push(eq(s.provider, filters.provider));
  if (filters.age) {
    const [min, max] = AGE_BUCKET_RANGES[filters.age];
    conditions.push(lte(s.providerCreatedAt, new Date(now.getTime() - min)));
    if (max !== null) conditions.push(gt(s.providerCreatedAt, new Date(now.getTime() - max)));
  }
  if (filters.assignee === "unassigned") conditions.push(unclaimedAt(now));
  else if (filters.assignee) {
    const holder = filters.assignee === "mine" ? viewerId : filters.assignee.userId;
    conditions.push(eq(s.assigneeId, holder), gt(s.claimExpiresAt, now));
  }
  if (filters.risk) {
    const own = eq(sessionChecks.sessionId, s.id);
    // Signals are the codes of checks that did not pass, as the queue shows them.
    const check =
      filters.risk === "failed"
        ? and(own, eq(sessionChecks.result, "failed"))
        : and(own, ne(sessionChecks.result, "passed"), arrayContains(sessionChecks.codes, [filters.risk.code]));
    conditions.push(exists(db.select({ one: sessionChecks.id }).from(sessionChecks).where(check)));
  }
  return and(...conditions)!;
}
