import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { decisions, sessionEvents, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { LockedSession } from "./load-session";
import type { Refusal } from "./session-abilities";

/**
 * Refusal messages that say what happened, so a reviewer on a stale page learns why and from
 * whom instead of a generic "claim it first". They name colleagues (reviewers see the claim
 * panel anyway) and never the applicant.
 */

const DONE: Record<string, string> = { approve: "approved", decline: "declined", resubmit: "sent back for resubmission" };

/** "2031-03-01 09:00 UTC": one clock for everyone, whatever the server's time zone. */
export function whenUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

async function nameOf(tx: Transaction, userId: string | null): Promise<string> {
  if (!userId) return "the system";
  const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return user?.name ?? "a former user";
}

/** Why a case that is no longer waiting cannot be decided, claimed, assigned or commented on. */
async function notDecidableMessage(tx: Transaction, session: LockedSession): Promise<string> {
  const [decision] = await tx
    .select({ action: decisions.action, actorId: decisions.actorId, at: decisions.updatedAt })
    .from(decisions)
    .where(and(eq(decisions.sessionId, session.id), inArray(decisions.state, ["confirmed", "recorded"])))
    .orderBy(desc(decisions.updatedAt))
    .limit(1);
  if (decision) {
    return `This case was already decided: ${DONE[decision.action] ?? decision.action} by ${await nameOf(tx, decision.actorId)} on ${whenUtc(decision.at)}. Reload to see it.`;
  }
  return `This case is no longer waiting for a decision: it is “${session.status.replace(/_/g, " ")}” since ${whenUtc(session.updatedAt)}. Reload to see it.`;
}

/** Why the viewer's claim is not there (any more): taken over, assigned away, expired or released. */
async function missingClaimMessage(tx: Transaction, session: LockedSession, viewerId: string, now = new Date()): Promise<string> {
  const heldByOther = session.assigneeId && session.assigneeId !== viewerId && session.claimExpiresAt && session.claimExpiresAt > now;
  if (heldByOther) {
    const [event] = await tx
      .select({ actorId: sessionEvents.actorId, at: sessionEvents.at, detail: sessionEvents.detail })
      .from(sessionEvents)
      .where(and(eq(sessionEvents.sessionId, session.id), eq(sessionEvents.type, "claim")))
      .orderBy(desc(sessionEvents.at), desc(sessionEvents.id))
      .limit(1);
    const holder = await nameOf(tx, session.assigneeId);
    const action = event?.detail.action;
    if (event && action === "take_over") return `${holder} took this case over on ${whenUtc(event.at)}. Reload to see it.`;
    if (event && action === "assign") return `${await nameOf(tx, event.actorId)} assigned this case to ${holder} on ${whenUtc(event.at)}. Reload to see it.`;
    return `${holder} is working on this case${event ? ` since ${whenUtc(event.at)}` : ""}. Reload to see it.`;
  }
  if (session.assigneeId === viewerId && session.claimExpiresAt) {
    return `Your claim on this case expired on ${whenUtc(session.claimExpiresAt)}. Claim it again before deciding.`;
  }
  return "Claim this case before deciding: nobody holds it now.";
}

/** The error a refused action answers with, worded from the locked record where the words need it. */
export async function refusalError(tx: Transaction, session: LockedSession, viewerId: string, refusal: Refusal, now = new Date()): Promise<AppError> {
  if ("message" in refusal) return new AppError(refusal.code, refusal.message);
  if (refusal.reason === "not_decidable") return new AppError("CONFLICT", await notDecidableMessage(tx, session));
  if (refusal.reason === "no_claim") return new AppError("CONFLICT", await missingClaimMessage(tx, session, viewerId, now));
  const [holder] = session.assigneeId ? await tx.select({ name: users.name }).from(users).where(eq(users.id, session.assigneeId)) : [];
  return new AppError("CONFLICT", `${holder?.name ?? "Another reviewer"} is working on this case.`);
}
