import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { sessionEvents, users, verificationSessions } from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-viewer";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { summarizeEvent } from "@/lib/review/timeline";
import { maskName } from "@/lib/sessions/mask";
import { recordAudit } from "./append";
import { toDecisionDTO } from "./decision-dto";
import { decisionConditions, readDecisions } from "./decision-history";
import { EMPTY_DECISION_FILTERS } from "./decision-filters";
import type { SessionEvidenceDTO } from "./evidence-types";
import { listAuditRowsForTarget } from "./log-query";

const MAX_DECISIONS = 500;
const MAX_AUDIT_ROWS = 1000;

const iso = (value: Date | null) => value?.toISOString() ?? null;

/**
 * Everything Verdict knows happened to one session, for an auditor to read or print. Showing
 * it with personal data unmasked is a read of personal data, so it is audited like opening a case.
 */
export async function getSessionEvidence(db: Database, viewer: Viewer, sessionId: string): Promise<SessionEvidenceDTO> {
  if (!can(viewer.permissions, "audit:read")) throw new AppError("FORBIDDEN", "You may not read the audit trail.");
  const [session] = await db.select().from(verificationSessions).where(eq(verificationSessions.id, sessionId));
  if (!session) throw new AppError("NOT_FOUND", "That session does not exist.");
  const showPii = can(viewer.permissions, "sessions:read_pii") && !session.redactedAt;
  if (showPii) {
    await recordAudit(db, { actor: { id: viewer.id, label: viewer.email }, action: "audit.evidence_view", targetType: "session", targetId: session.id });
  }

  const where = decisionConditions({ filters: EMPTY_DECISION_FILTERS, sessionIds: [session.id] });
  const [decisionRows, events, auditRows] = await Promise.all([
    readDecisions(db, where, null, "oldest", MAX_DECISIONS),
    db.select().from(sessionEvents).where(eq(sessionEvents.sessionId, session.id)).orderBy(asc(sessionEvents.at), asc(sessionEvents.id)),
    listAuditRowsForTarget(db, "session", session.id, MAX_AUDIT_ROWS + 1),
  ]);
  const actorIds = [...new Set([...events.map((e) => e.actorId), session.assigneeId].filter((id): id is string => Boolean(id)))];
  const names = new Map(
    (actorIds.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, actorIds)) : []).map((u) => [u.id, u.name]),
  );

  return {
    session: {
      id: session.id,
      provider: session.provider,
      providerSessionId: session.providerSessionId,
      status: session.status,
      rawStatus: session.rawStatus,
      applicantName: showPii ? session.applicantName : maskName(session.applicantName),
      assignee: session.assigneeId ? (names.get(session.assigneeId) ?? null) : null,
      version: session.version,
      providerCreatedAt: iso(session.providerCreatedAt),
      providerUpdatedAt: iso(session.providerUpdatedAt),
      lastSyncedAt: iso(session.lastSyncedAt),
      createdAt: session.createdAt.toISOString(),
      redactedAt: iso(session.redactedAt),
    },
    decisions: decisionRows.map((row) => toDecisionDTO(row, showPii)),
    timeline: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      type: e.type,
      actor: e.actorId ? (names.get(e.actorId) ?? null) : null,
      summary: summarizeEvent(e.type, e.detail, showPii),
    })),
    auditRows: auditRows.slice(0, MAX_AUDIT_ROWS),
    auditRowsTruncated: auditRows.length > MAX_AUDIT_ROWS,
    showsPersonalData: showPii,
    generatedAt: new Date().toISOString(),
  };
}
