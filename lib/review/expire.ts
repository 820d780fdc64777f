import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { verificationSessions } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { ProviderError } from "@/lib/providers/errors";
import { getProviderAdapter } from "@/lib/providers/registry";
import { recordSessionChange } from "@/lib/sessions/record-change";
import { assertVersion, lockSession } from "./load-session";
import { refusalError } from "./refusals";
import type { ServiceContext } from "./service-context";
import { assertMay, sessionAbilities } from "./session-abilities";

export const ExpireInput = z.object({ sessionId: z.uuid(), version: z.coerce.number().int().min(1) });

/**
 * Leads expire sessions that are no longer needed. Where the provider can expire (Beltic;
 * Bynn's cancel) it is asked first and must succeed; elsewhere Verdict expires the case locally
 * so it leaves the queue, and says so on the timeline.
 */
export async function expireSession(ctx: ServiceContext, input: z.infer<typeof ExpireInput>): Promise<{ atProvider: boolean }> {
  const { db, viewer, resolveAdapter = getProviderAdapter } = ctx;
  assertMay(viewer, "expire");
  const { session, adapter, atProvider } = await db.transaction(async (tx) => {
    const locked = await lockSession(tx, input.sessionId);
    assertVersion(locked, input.version);
    const found = resolveAdapter(locked.provider);
    const expire = sessionAbilities(viewer, locked, found, ctx.now ?? new Date()).expire;
    if (!expire.allowed) throw await refusalError(tx, locked, viewer.id, expire.refusal);
    return { session: locked, adapter: found, atProvider: expire.atProvider };
  });
  try {
    if (atProvider) await adapter!.expire(session.providerSessionId);
  } catch (error) {
    if (error instanceof ProviderError) throw new AppError("PROVIDER", `${error.message} The session was not expired.`);
    throw error;
  }
  await db.transaction(async (tx) => {
    const locked = await lockSession(tx, input.sessionId);
    // Asked again on the row as it is now: a decision confirmed or a redaction during the
    // provider call must not be overwritten with `expired` (the lead is told what happened).
    const still = sessionAbilities(viewer, locked, adapter, new Date()).expire;
    if (!still.allowed) throw await refusalError(tx, locked, viewer.id, still.refusal);
    const now = new Date();
    await tx
      .update(verificationSessions)
      .set({ status: "expired", version: sql`${verificationSessions.version} + 1`, assigneeId: null, claimExpiresAt: null, updatedAt: now })
      .where(eq(verificationSessions.id, locked.id));
    await recordSessionChange(tx, {
      sessionId: locked.id,
      userId: viewer.id,
      timeline: { type: "expired", at: now, detail: { atProvider } },
      outbound: {
        type: "session.expired",
        data: {
          sessionId: locked.id,
          provider: locked.provider,
          providerSessionId: locked.providerSessionId,
          action: "expire",
          reasonCode: null,
          decisionId: null,
          decidedBy: viewer.id,
          status: "expired",
        },
      },
      live: "expiry",
      audit: { actor: { id: viewer.id, label: viewer.email }, action: "session.expire", details: { atProvider, provider: locked.provider } },
    });
  });
  return { atProvider };
}
