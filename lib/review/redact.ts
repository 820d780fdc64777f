import "server-only";
import { z } from "zod";
import type { Database } from "@/db/client";
import { sessionEvents } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import { notifySessionsChanged } from "@/lib/live/notify";
import { enqueueOutboundEvent } from "@/lib/outbound/enqueue";
import type { Viewer } from "@/lib/auth/load-viewer";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { ProviderError } from "@/lib/providers/errors";
import { getProviderAdapter } from "@/lib/providers/registry";
import type { AdapterResolver } from "./adapter-resolver";
import { wipePersonalData } from "@/lib/sessions/wipe-personal-data";
import { lockSession } from "./load-session";

export const RedactInput = z.object({
  sessionId: z.uuid(),
  // Typed by the lead in the confirmation dialog: redaction cannot be undone.
  confirmation: z.literal("REDACT", { error: 'Type REDACT to confirm' }),
});

/**
 * Removes the applicant's personal data from every Verdict table, after the provider has
 * deleted or redacted its copy where it can. Ids, statuses, codes and the audit trail stay:
 * they say what happened without saying who it happened to.
 */
export async function redactSession(
  db: Database,
  viewer: Viewer,
  input: z.infer<typeof RedactInput>,
  resolveAdapter: AdapterResolver = getProviderAdapter,
): Promise<{ atProvider: boolean }> {
  if (!can(viewer.permissions, "sessions:redact")) throw new AppError("FORBIDDEN", "You may not redact sessions.");
  const session = await db.transaction((tx) => lockSession(tx, input.sessionId));
  if (session.redactedAt) return { atProvider: false };
  const adapter = resolveAdapter(session.provider);
  const capabilities = adapter?.capabilities();
  const atProvider = Boolean(capabilities?.offered.redact);
  if (atProvider && !capabilities?.allowedByKey.redact) throw new AppError("FORBIDDEN", `The configured ${adapter!.displayName} credentials may not delete sessions.`);
  try {
    if (atProvider) await adapter!.redact(session.providerSessionId);
  } catch (error) {
    if (error instanceof ProviderError) throw new AppError("PROVIDER", `${error.message} Nothing was redacted.`);
    throw error;
  }
  await db.transaction(async (tx) => {
    const locked = await lockSession(tx, input.sessionId);
    await wipePersonalData(tx, locked);
    await tx.insert(sessionEvents).values({ sessionId: locked.id, at: new Date(), type: "redacted", actorId: viewer.id, detail: { atProvider } });
    await appendAudit(tx, { actor: { id: viewer.id, label: viewer.email }, action: "session.redact", targetType: "session", targetId: locked.id, details: { atProvider, provider: locked.provider } });
    await notifySessionsChanged(tx, [locked.id], "redaction", viewer.id);
    await enqueueOutboundEvent(tx, {
      type: "session.redacted",
      data: { sessionId: locked.id, provider: locked.provider, providerSessionId: locked.providerSessionId, action: "redact", reasonCode: null, decisionId: null, decidedBy: viewer.id, status: locked.status },
    });
  });
  return { atProvider };
}
