import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { sessionEvents, verificationSessions } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import { notifySessionsChanged } from "@/lib/live/notify";
import { enqueueOutboundEvent } from "@/lib/outbound/enqueue";
import type { Viewer } from "@/lib/auth/load-viewer";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { ProviderError } from "@/lib/providers/errors";
import { getProviderAdapter } from "@/lib/providers/registry";
import type { AdapterResolver } from "./adapter-resolver";
import { assertVersion, lockSession } from "./load-session";

export const ExpireInput = z.object({ sessionId: z.uuid(), version: z.coerce.number().int().min(1) });

const FINAL = new Set(["approved", "declined", "expired"]);

/**
 * Leads expire sessions that are no longer needed. Where the provider can expire (Beltic;
 * Bynn's cancel) it is asked first and must succeed; elsewhere Verdict expires the case locally
 * so it leaves the queue, and says so on the timeline.
 */
export async function expireSession(
  db: Database,
  viewer: Viewer,
  input: z.infer<typeof ExpireInput>,
  resolveAdapter: AdapterResolver = getProviderAdapter,
): Promise<{ atProvider: boolean }> {
  if (!can(viewer.permissions, "sessions:expire")) throw new AppError("FORBIDDEN", "You may not expire sessions.");
  const session = await db.transaction(async (tx) => {
    const locked = await lockSession(tx, input.sessionId);
    assertVersion(locked, input.version);
    if (FINAL.has(locked.status) || locked.redactedAt) throw new AppError("CONFLICT", "This session is already settled.");
    return locked;
  });
  const adapter = resolveAdapter(session.provider);
  const capabilities = adapter?.capabilities();
  const atProvider = Boolean(capabilities?.offered.expire);
  if (atProvider && !capabilities?.allowedByKey.expire) throw new AppError("FORBIDDEN", `The configured ${adapter!.displayName} credentials may not expire sessions.`);
  try {
    if (atProvider) await adapter!.expire(session.providerSessionId);
  } catch (error) {
    if (error instanceof ProviderError) throw new AppError("PROVIDER", `${error.message} The session was not expired.`);
    throw error;
  }
  await db.transaction(async (tx) => {
    const locked = await lockSession(tx, input.sessionId);
    const now = new Date();
    await tx
      .update(verificationSessions)
      .set({ status: "expired", version: sql`${verificationSessions.version} + 1`, assigneeId: null, claimExpiresAt: null, updatedAt: now })
      .where(eq(verificationSessions.id, locked.id));
    await tx.insert(sessionEvents).values({ sessionId: locked.id, at: now, type: "expired", actorId: viewer.id, detail: { atProvider } });
    await appendAudit(tx, { actor: { id: viewer.id, label: viewer.email }, action: "session.expire", targetType: "session", targetId: locked.id, details: { atProvider, provider: locked.provider } });
    await notifySessionsChanged(tx, [locked.id], "expiry", viewer.id);
    await enqueueOutboundEvent(tx, {
      type: "session.expired",
      data: { sessionId: locked.id, provider: locked.provider, providerSessionId: locked.providerSessionId, action: "expire", reasonCode: null, decisionId: null, decidedBy: viewer.id, status: "expired" },
    });
  });
  return { atProvider };
}
