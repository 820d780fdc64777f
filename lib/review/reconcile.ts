import "server-only";
import { and, eq, inArray, lt } from "drizzle-orm";
import { decisions, verificationSessions } from "@/db/schema";
import { SYSTEM_ACTOR } from "@/lib/audit/append";
import { ProviderError } from "@/lib/providers/errors";
import { getProviderAdapter } from "@/lib/providers/registry";
import { applyDecision, failDecision, STATUS_AFTER } from "./decision-outcome";
import type { JobContext } from "./service-context";

export type ReconcileSummary = { confirmed: number; failed: number; pending: number };

/**
 * Decisions left `requested` or `sent` by a crash, or by a provider call whose outcome stayed
 * unknown, are settled by asking the provider what it now holds: if it shows the decision's
 * outcome, the decision is confirmed (once: the row lock and state check make a second pass a
 * no-op); if not, it is marked failed and the case goes back to the queue as it was. A provider
 * that cannot be reached leaves it for the next pass.
 */
export async function reconcileDecisions(ctx: JobContext, { olderThanMs }: { olderThanMs: number }): Promise<ReconcileSummary> {
  const { db, now = new Date(), resolveAdapter = getProviderAdapter } = ctx;
  const summary: ReconcileSummary = { confirmed: 0, failed: 0, pending: 0 };
  const stuck = await db
    .select({ decision: decisions, provider: verificationSessions.provider, providerSessionId: verificationSessions.providerSessionId })
    .from(decisions)
    .innerJoin(verificationSessions, eq(verificationSessions.id, decisions.sessionId))
    .where(and(inArray(decisions.state, ["requested", "sent"]), lt(decisions.updatedAt, new Date(now.getTime() - olderThanMs))));
  for (const { decision, provider, providerSessionId } of stuck) {
    const adapter = resolveAdapter(provider);
    if (!adapter) continue;
    let providerStatus: string | null = null;
    try {
      providerStatus = decision.state === "requested" ? null : (await adapter.getSession(providerSessionId)).status;
    } catch (error) {
      if (error instanceof ProviderError && error.retryable) {
        summary.pending += 1;
        continue;
      }
    }
    const applied = providerStatus === STATUS_AFTER[decision.action];
    await db.transaction(async (tx) => {
      const [current] = await tx.select().from(decisions).where(eq(decisions.id, decision.id)).for("update");
      if (!current || (current.state !== "requested" && current.state !== "sent")) return;
      if (applied) await applyDecision(tx, current, provider, "confirmed", SYSTEM_ACTOR, { reconciled: true });
      else
        await failDecision(
          tx,
          current,
          SYSTEM_ACTOR,
          current.state === "requested"
            ? "The server stopped before this decision reached the provider; it was not applied."
            : "The provider does not show this decision; it was not applied.",
        );
    });
    if (applied) summary.confirmed += 1;
    else summary.failed += 1;
  }
  return summary;
}
