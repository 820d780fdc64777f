import "server-only";
import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";
import { sessionChecks, users, verificationSessions } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { ListCount } from "@/lib/sessions/counts";
import { maskName } from "@/lib/sessions/mask";
import { cappedCounts } from "@/lib/sessions/status-counts";
import { NO_QUEUE_FILTERS, REVIEW_SLA_HOURS, type QueueFilters } from "./queue-filters";
import { claimIsLive } from "./case-states";
import { queueConditions, unclaimedAt } from "./queue-where";
import type { ServiceContext } from "./service-context";

export type QueueItemDTO = {
  id: string;
  provider: string;
  providerSessionId: string;
  rawStatus: string;
  applicantName: string | null;
  createdAt: string | null;
  /** Waiting longer than the review target (REVIEW_SLA_HOURS). */
  overdue: boolean;
  riskCodes: string[];
  failedChecks: number;
  claim: { holderId: string; holderName: string; expiresAt: string } | null;
};

export type QueueDTO = {
  items: QueueItemDTO[];
  /**
   * Cases matching the filters; `unclaimed` and `overdue` count among those. Each is counted up
   * to COUNT_CAP (`atLeast` past it): the page costs the same with 500 or 50,000 cases waiting.
   */
  total: ListCount;
  unclaimed: ListCount;
  overdue: ListCount;
  /** The oldest overdue case among the filtered ones, when there is one. */
  oldestOverdueId: string | null;
  limit: number;
  /** Active users, for the assignee filter. */
  staff: { id: string; name: string }[];
};

/** The oldest cases, a page's worth: reviewers work the queue from its head ("next case"). */
export const QUEUE_LIMIT = 50;

/** The code the queue is filtered by leads, so the row shows why it matched even past the first six. */
const firstThe = (code: string | null, codes: string[]) => (code && codes.includes(code) ? [code, ...codes.filter((c) => c !== code)] : codes);
const s = verificationSessions;

/** The review queue across providers, oldest first, with who holds what, narrowed by `filters`. */
export async function listQueue(ctx: ServiceContext, { filters = NO_QUEUE_FILTERS }: { filters?: QueueFilters } = {}): Promise<QueueDTO> {
  const { db, viewer, now = new Date() } = ctx;
  if (!can(viewer.permissions, "sessions:read")) throw new AppError("FORBIDDEN", "You may not see the queue.");
  const showPii = can(viewer.permissions, "sessions:read_pii");
  const where = queueConditions(db, filters, viewer.id, now);
  const overdueBefore = new Date(now.getTime() - REVIEW_SLA_HOURS * 3_600_000);
  // The counts do not depend on the page: all at once, then the page's checks.
  const [rows, counts, staff] = await Promise.all([
    db
      .select({
        id: s.id,
        provider: s.provider,
        providerSessionId: s.providerSessionId,
        rawStatus: s.rawStatus,
        applicantName: s.applicantName,
        createdAt: s.providerCreatedAt,
        assigneeId: s.assigneeId,
        claimExpiresAt: s.claimExpiresAt,
        holderName: users.name,
      })
      .from(s)
      .leftJoin(users, eq(users.id, s.assigneeId))
      .where(where)
      .orderBy(asc(s.providerCreatedAt), asc(s.id))
      .limit(QUEUE_LIMIT),
    // In the queue index's order, so each count walks verification_sessions_queue_idx and stops at the cap.
    cappedCounts(
      db,
      s,
      { total: where, unclaimed: and(where, unclaimedAt(now)), overdue: and(where, lt(s.providerCreatedAt, overdueBefore)) },
      { orderBy: sql`${s.providerCreatedAt}, ${s.id}` },
    ),
    db.select({ id: users.id, name: users.name }).from(users).where(eq(users.active, true)).orderBy(asc(users.name)),
  ]);
  const checks = rows.length
    ? await db
        .select({ sessionId: sessionChecks.sessionId, result: sessionChecks.result, codes: sessionChecks.codes })
        .from(sessionChecks)
        .where(
          inArray(
            sessionChecks.sessionId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  // Grouped once: filtering every check for every row is rows × checks.
  const filteredCode = filters.risk && filters.risk !== "failed" ? filters.risk.code : null;
  const checksBySession = new Map<string, typeof checks>();
  for (const check of checks) checksBySession.set(check.sessionId, [...(checksBySession.get(check.sessionId) ?? []), check]);
  const items = rows.map((row): QueueItemDTO => {
    const own = checksBySession.get(row.id) ?? [];
    const live = claimIsLive(row, now);
    return {
      id: row.id,
      provider: row.provider,
      providerSessionId: row.providerSessionId,
      rawStatus: row.rawStatus,
      applicantName: showPii ? row.applicantName : maskName(row.applicantName),
      createdAt: row.createdAt?.toISOString() ?? null,
      overdue: row.createdAt !== null && row.createdAt < overdueBefore,
      // Signals only: codes of passed checks (FACE_MATCH, DOC_VALIDATED) would drown them out.
      riskCodes: firstThe(filteredCode, [...new Set(own.filter((c) => c.result !== "passed").flatMap((c) => c.codes))]).slice(0, 6),
      failedChecks: own.filter((c) => c.result === "failed").length,
      claim: live ? { holderId: row.assigneeId!, holderName: row.holderName ?? "Someone", expiresAt: row.claimExpiresAt!.toISOString() } : null,
    };
  });
  // Oldest first: if any filtered case is overdue, the first one is the oldest of them.
  const oldestOverdueId = items[0]?.overdue ? items[0].id : null;
  return { items, ...counts, oldestOverdueId, limit: QUEUE_LIMIT, staff };
}
