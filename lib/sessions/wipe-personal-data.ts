import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { decisions, sessionChecks, sessionDocuments, sessionEvents, verificationSessions, webhookReceipts } from "@/db/schema";
import { wipeQuarantinedBodies } from "@/lib/webhooks/quarantine-wipe";
import type { SessionEventType } from "./event-types";

/** Timeline entries whose detail may quote the applicant or a reviewer's free text. */
const FREE_TEXT_EVENTS: SessionEventType[] = ["comment", "decision", "decision_failed"];

type SessionRef = { id: string; provider: string; providerSessionId: string };

/**
 * Removes one session's personal data from every Verdict table: after a lead's redaction, and
 * when the provider reports that it deleted the data itself (iDenfy DELETED / ARCHIVED).
 */
export async function wipePersonalData(tx: Transaction, session: SessionRef): Promise<void> {
  const now = new Date();
  await tx
    .update(verificationSessions)
    .set({
      applicant: {},
      applicantName: null,
      applicantEmail: null,
      riskSummary: {},
      redactedAt: now,
      assigneeId: null,
      claimExpiresAt: null,
      version: sql`${verificationSessions.version} + 1`,
      updatedAt: now,
    })
    .where(eq(verificationSessions.id, session.id));
  await tx.update(sessionDocuments).set({ fields: {}, mediaKeys: {}, updatedAt: now }).where(eq(sessionDocuments.sessionId, session.id));
  await tx.update(sessionChecks).set({ details: {}, updatedAt: now }).where(eq(sessionChecks.sessionId, session.id));
  await tx
    .update(sessionEvents)
    .set({ detail: sql`${sessionEvents.detail} - 'comment' - 'text'` })
    .where(and(eq(sessionEvents.sessionId, session.id), inArray(sessionEvents.type, FREE_TEXT_EVENTS)));
  await tx.update(decisions).set({ comment: "", providerResponse: null }).where(eq(decisions.sessionId, session.id));
  await tx
    .update(webhookReceipts)
    .set({ body: null })
    .where(and(eq(webhookReceipts.provider, session.provider), eq(webhookReceipts.providerSessionId, session.providerSessionId)));
  await wipeQuarantinedBodies(tx, session);
}
