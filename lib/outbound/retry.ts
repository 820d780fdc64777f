import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { outboundDeliveries } from "@/db/schema";
import { appendAudit, type AuditActor } from "@/lib/audit/append";
import { AppError } from "@/lib/errors";

/**
 * "Retry now": makes a failed or waiting delivery due at once; the worker sends it on its next
 * poll. The attempt count is kept (it is the delivery's history), so a failed delivery gets one
 * more attempt per retry. Audited in the same transaction as the change.
 */
export async function retryOutboundDelivery(db: Database, { id, actor, now = new Date() }: { id: string; actor: AuditActor; now?: Date }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        state: outboundDeliveries.state,
        eventId: outboundDeliveries.eventId,
        eventType: outboundDeliveries.eventType,
        attempts: outboundDeliveries.attempts,
      })
      .from(outboundDeliveries)
      .where(eq(outboundDeliveries.id, id))
      .for("update");
    if (!row) throw new AppError("NOT_FOUND", "That delivery no longer exists.");
    if (row.state === "delivered") throw new AppError("CONFLICT", "That event has already been delivered.");
    await tx.update(outboundDeliveries).set({ state: "pending", nextAttemptAt: now }).where(eq(outboundDeliveries.id, id));
    await appendAudit(tx, {
      actor,
      action: "outbound.retry",
      targetType: "outbound_delivery",
      targetId: id,
      details: { eventId: row.eventId, eventType: row.eventType, previousState: row.state, attempts: row.attempts },
    });
    return { id, state: "pending" as const };
  });
}
