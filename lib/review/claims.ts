import "server-only";
import { and, asc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { roles, users, verificationSessions } from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-viewer";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { recordSessionChange } from "@/lib/sessions/record-change";
import { lockSession } from "./load-session";
import { REVIEW_STATUS } from "./case-states";
import { unclaimedAt } from "./queue-where";
import { refusalError } from "./refusals";
import type { ServiceContext } from "./service-context";
import { assertMay, sessionAbilities } from "./session-abilities";

export const CLAIM_LEASE_MS = 15 * 60_000;

const actorOf = (viewer: Viewer) => ({ id: viewer.id, label: viewer.email });

type ClaimAction = "claim" | "release" | "assign" | "take_over";

async function recordClaim(tx: Transaction, viewer: Viewer, sessionId: string, action: ClaimAction, detail: Record<string, unknown> = {}) {
  await recordSessionChange(tx, {
    sessionId,
    userId: viewer.id,
    timeline: { type: "claim", detail: { action, ...detail } },
    live: "claim",
    audit: { actor: actorOf(viewer), action: `session.${action}`, details: detail },
  });
}

/**
 * "Next case": the viewer's own open claim if they hold one, else the oldest unclaimed review
 * case. SKIP LOCKED makes two reviewers pressing at once lock different rows, so they never
 * get the same case.
 */
export async function claimNextCase(ctx: ServiceContext): Promise<string | null> {
  const { db, viewer, now = new Date() } = ctx;
  assertMay(viewer, "claim");
  return db.transaction(async (tx) => {
    const free = unclaimedAt(now);
    const mine = and(eq(verificationSessions.assigneeId, viewer.id), gt(verificationSessions.claimExpiresAt, now));
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
export async function claimCase(ctx: ServiceContext, { sessionId }: { sessionId: string }): Promise<{ expiresAt: string }> {
  const { db, viewer, now = new Date() } = ctx;
  assertMay(viewer, "claim");
  return db.transaction(async (tx) => {
    const session = await lockSession(tx, sessionId);
    // Claims do not depend on the provider: no adapter needed.
    const abilities = sessionAbilities(viewer, session, undefined, now);
    if (!abilities.claim.allowed) throw await refusalError(tx, session, viewer.id, abilities.claim.refusal, now);
    const renewing = abilities.claimHeld === "mine";
    const expiresAt = new Date(now.getTime() + CLAIM_LEASE_MS);
    await tx.update(verificationSessions).set({ assigneeId: viewer.id, claimExpiresAt: expiresAt }).where(eq(verificationSessions.id, sessionId));
    // Renewals are routine heartbeats: not worth a timeline entry or an audit row each minute.
    if (!renewing) await recordClaim(tx, viewer, sessionId, "claim");
    return { expiresAt: expiresAt.toISOString() };
  });
}

export async function releaseClaim(ctx: ServiceContext, { sessionId }: { sessionId: string }): Promise<void> {
  const { db, viewer, now = new Date() } = ctx;
  await db.transaction(async (tx) => {
    const session = await lockSession(tx, sessionId);
    const release = sessionAbilities(viewer, session, undefined, now).release;
    // Not holding it (released, lapsed and taken, assigned away) is already released: nothing to do.
    if (!release.allowed && release.refusal.reason === "no_claim") return;
    if (!release.allowed) throw await refusalError(tx, session, viewer.id, release.refusal, now);
    await tx.update(verificationSessions).set({ assigneeId: null, claimExpiresAt: null }).where(eq(verificationSessions.id, sessionId));
    await recordClaim(tx, viewer, sessionId, "release");
  });
}

/** Leads: give a case to someone else, or take it over from a reviewer who left it. */
export async function assignCase(ctx: ServiceContext, { sessionId, assigneeId }: { sessionId: string; assigneeId: string }): Promise<void> {
  const { db, viewer, now = new Date() } = ctx;
  assertMay(viewer, "assign");
  await db.transaction(async (tx) => {
    const session = await lockSession(tx, sessionId);
    const assign = sessionAbilities(viewer, session, undefined, now).assign;
    if (!assign.allowed) throw await refusalError(tx, session, viewer.id, assign.refusal, now);
    const [assignee] = await tx
      .select({ id: users.id, name: users.name, active: users.active, permissions: roles.permissions })
      .from(users)
      .innerJoin(roles, eq(roles.key, users.roleKey))
      .where(eq(users.id, assigneeId));
    if (!assignee?.active) throw new AppError("VALIDATION", "Choose an active user.");
    // A case goes only to someone who can decide it (not an auditor, not a custom read-only role).
    if (!can(assignee.permissions, "sessions:decide"))
      throw new AppError("VALIDATION", `${assignee.name} cannot decide cases, so the case cannot be assigned to them.`);
    await tx
      .update(verificationSessions)
      .set({ assigneeId, claimExpiresAt: new Date(now.getTime() + CLAIM_LEASE_MS) })
      .where(eq(verificationSessions.id, sessionId));
    const action = assigneeId === viewer.id ? "take_over" : "assign";
    await recordClaim(tx, viewer, sessionId, action, { from: session.assigneeId, to: assigneeId });
  });
}
