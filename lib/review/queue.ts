import "server-only";
import { and, asc, count, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { sessionChecks, users, verificationSessions } from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-viewer";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { maskName } from "@/lib/sessions/mask";
import { REVIEW_STATUS } from "./claims";

export type QueueItemDTO = {
  id: string;
  provider: string;
  providerSessionId: string;
  rawStatus: string;
  applicantName: string | null;
  createdAt: string | null;
  riskCodes: string[];
  failedChecks: number;
  claim: { holderId: string; holderName: string; expiresAt: string } | null;
};

export type QueueDTO = { items: QueueItemDTO[]; total: number; unclaimed: number; limit: number };

const QUEUE_LIMIT = 200;

/** The review queue across providers, oldest first, with who holds what. */
export async function listQueue(db: Database, viewer: Viewer, now = new Date()): Promise<QueueDTO> {
  if (!can(viewer.permissions, "sessions:read")) throw new AppError("FORBIDDEN", "You may not see the queue.");
  const showPii = can(viewer.permissions, "sessions:read_pii");
  const inQueue = and(eq(verificationSessions.status, REVIEW_STATUS), isNull(verificationSessions.redactedAt));
  // The count does not depend on the page: both at once, then the page's checks.
  const [rows, [totals]] = await Promise.all([
    db
      .select({
        id: verificationSessions.id,
        provider: verificationSessions.provider,
        providerSessionId: verificationSessions.providerSessionId,
        rawStatus: verificationSessions.rawStatus,
        applicantName: verificationSessions.applicantName,
        createdAt: verificationSessions.providerCreatedAt,
        assigneeId: verificationSessions.assigneeId,
        claimExpiresAt: verificationSessions.claimExpiresAt,
        holderName: users.name,
      })
      .from(verificationSessions)
      .leftJoin(users, eq(users.id, verificationSessions.assigneeId))
      .where(inQueue)
      .orderBy(asc(verificationSessions.providerCreatedAt), asc(verificationSessions.id))
      .limit(QUEUE_LIMIT),
    db.select({ n: count() }).from(verificationSessions).where(inQueue),
  ]);
  const checks = rows.length
    ? await db.select({ sessionId: sessionChecks.sessionId, result: sessionChecks.result, codes: sessionChecks.codes }).from(sessionChecks).where(inArray(sessionChecks.sessionId, rows.map((r) => r.id)))
    : [];
  // Grouped once: filtering every check for every row is rows × checks (200 × 800 on a full page).
  const checksBySession = new Map<string, typeof checks>();
  for (const check of checks) checksBySession.set(check.sessionId, [...(checksBySession.get(check.sessionId) ?? []), check]);
  const items = rows.map((row) => {
    const own = checksBySession.get(row.id) ?? [];
    const live = row.assigneeId && row.claimExpiresAt && row.claimExpiresAt > now;
    return {
      id: row.id,
      provider: row.provider,
      providerSessionId: row.providerSessionId,
      rawStatus: row.rawStatus,
      applicantName: showPii ? row.applicantName : maskName(row.applicantName),
      createdAt: row.createdAt?.toISOString() ?? null,
      // Signals only: codes of passed checks (FACE_MATCH, DOC_VALIDATED) would drown them out.
      riskCodes: [...new Set(own.filter((c) => c.result !== "passed").flatMap((c) => c.codes))].slice(0, 6),
      failedChecks: own.filter((c) => c.result === "failed").length,
      claim: live ? { holderId: row.assigneeId!, holderName: row.holderName ?? "Someone", expiresAt: row.claimExpiresAt!.toISOString() } : null,
    };
  });
  return { items, total: totals?.n ?? 0, unclaimed: items.filter((i) => !i.claim).length, limit: QUEUE_LIMIT };
}
