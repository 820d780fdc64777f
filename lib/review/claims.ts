import "server-only";
import { and, asc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { roles, sessionEvents, users, verificationSessions } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import { notifySessionsChanged } from "@/lib/live/notify";
import type { Viewer } from "@/lib/auth/load-viewer";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { hasLiveClaim, lockSession } from "./load-session";
import { DECIDABLE, notDecidableMessage } from "./refusals";

export const CLAIM_LEASE_MS = 15 * 60_000;
export const REVIEW_STATUS = "marked_for_review";

const actorOf = (viewer: Viewer) => ({ id: viewer.id, label: viewer.email });

function requireDecider(viewer: Viewer) {
  if (!can(viewer.permissions, "sessions:decide")) throw new AppError("FORBIDDEN", "You may not work review cases.");
}

async function recordClaim(tx: Transaction, viewer: Viewer, sessionId: string, action: string, detail: Record<string, unknown> = {}) {
  await tx.insert(sessionEvents).values({ sessionId, at: new Date(), type: "claim", actorId: viewer.id, detail: { action, ...detail } });
  await appendAudit(tx, { actor: actorOf(viewer), action: `session.${action}`, targetType: "session", targetId: sessionId, details: detail });
  await notifySessionsChanged(tx, [sessionId], "claim", viewer.id);
}

/**
 * "Next case": the viewer's own open claim if they hold one, else the oldest unclaimed review
 * case. SKIP LOCKED makes two reviewers pressing at once lock different rows, so they never
 * get the same case.
 */
export async function claimNextCase(db: Database, viewer: Viewer, now = new Date()): Promise<string | null> {
  requireDecider(viewer);
  return db.transaction(async (tx) => {
    const free = or(isNull(verificationSessions.assigneeId), lt(verificationSessions.claimExpiresAt, now));
    const mine = and(eq(verificationSessions.assigneeId, viewer.id), sql`${verificationSessions.claimExpiresAt} >= ${now.toISOString()}::timestamptz`);
    const [candidate] = await tx
      .select({ id: verificationSessions.id })
      .from(verificationSessions)
      .where(and(eq(verificationSessions.status, REVIEW_STATUS), isNull(verificationSessions.redactedAt), or(free, mine)))
      .orderBy(sql`(${verificationSessions.assigneeId} = ${viewer.id}) desc nulls last`, asc(verificationSessions.providerCreatedAt), asc(verificationSessions.id))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!candidate) return null;
    await tx
      .update(verificationSessions)
      .set({ assigneeId: viewer.id, claimExpiresAt: new Date(now.getTime() + CLAIM_LEASE_MS) })
      .where(eq(verificationSessions.id, candidate.id));
    await recordClaim(tx, viewer, candidate.id, "claim");
    return candidate.id;
  });
}

/** Claims one case (opened from the list), or renews the viewer's lease while the case is open. */
export async function claimCase(db: Database, viewer: Viewer, sessionId: string, now = new Date()): Promise<{ expiresAt: string }> {
  requireDecider(viewer);
  return db.transaction(async (tx) => {
    const session = await lockSession(tx, sessionId);
    if (session.redactedAt) throw new AppError("CONFLICT", "This session was redacted.");
    if (!DECIDABLE.has(session.status)) throw new AppError("CONFLICT", await notDecidableMessage(tx, session));
    const renewing = hasLiveClaim(session, viewer.id, now);
    const heldByOther = session.assigneeId && session.assigneeId !== viewer.id && session.claimExpiresAt && session.claimExpiresAt > now;
    if (heldByOther) throw new AppError("CONFLICT", `${await holderName(tx, session.assigneeId!)} is working on this case.`);
    const expiresAt = new Date(now.getTime() + CLAIM_LEASE_MS);
    await tx.update(verificationSessions).set({ assigneeId: viewer.id, claimExpiresAt: expiresAt }).where(eq(verificationSessions.id, sessionId));
    // Renewals are routine heartbeats: not worth a timeline entry or an audit row each minute.
    if (!renewing) await recordClaim(tx, viewer, sessionId, "claim");
    return { expiresAt: expiresAt.toISOString() };
  });
}

export async function releaseClaim(db: Database, viewer: Viewer, sessionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const session = await lockSession(tx, sessionId);
    if (session.assigneeId !== viewer.id) return;
    await tx.update(verificationSessions).set({ assigneeId: null, claimExpiresAt: null }).where(eq(verificationSessions.id, sessionId));
    await recordClaim(tx, viewer, sessionId, "release");
  });
}

/** Leads: give a case to someone else, or take it over from a reviewer who left it. */
export async function assignCase(db: Database, viewer: Viewer, sessionId: string, assigneeId: string, now = new Date()): Promise<void> {
  if (!can(viewer.permissions, "sessions:assign")) throw new AppError("FORBIDDEN", "You may not assign cases.");
  await db.transaction(async (tx) => {
    const session = await lockSession(tx, sessionId);
    if (session.redactedAt) throw new AppError("CONFLICT", "This session was redacted.");
    if (!DECIDABLE.has(session.status)) throw new AppError("CONFLICT", await notDecidableMessage(tx, session));
    const [assignee] = await tx
      .select({ id: users.id, name: users.name, active: users.active, permissions: roles.permissions })
      .from(users)
      .innerJoin(roles, eq(roles.key, users.roleKey))
      .where(eq(users.id, assigneeId));
    if (!assignee?.active) throw new AppError("VALIDATION", "Choose an active user.");
    // A case goes only to someone who can decide it (not an auditor, not a custom read-only role).
    if (!can(assignee.permissions, "sessions:decide")) throw new AppError("VALIDATION", `${assignee.name} cannot decide cases, so the case cannot be assigned to them.`);
    await tx
      .update(verificationSessions)
      .set({ assigneeId, claimExpiresAt: new Date(now.getTime() + CLAIM_LEASE_MS) })
      .where(eq(verificationSessions.id, sessionId));
    const action = assigneeId === viewer.id ? "take_over" : "assign";
    await recordClaim(tx, viewer, sessionId, action, { from: session.assigneeId, to: assigneeId });
  });
}

async function holderName(tx: Transaction, userId: string): Promise<string> {
  const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return user?.name ?? "Another reviewer";
}
