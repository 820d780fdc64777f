import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { ProviderError } from "@/lib/providers/errors";
import { getProviderAdapter } from "@/lib/providers/registry";
import { recordSessionChange } from "@/lib/sessions/record-change";
import { wipePersonalData } from "@/lib/sessions/wipe-personal-data";
import { lockSession } from "./load-session";
import { refusalError } from "./refusals";
import type { ServiceContext } from "./service-context";
import { assertMay, sessionAbilities } from "./session-abilities";

export const RedactInput = z.object({
  sessionId: z.uuid(),
  // Typed by the lead in the confirmation dialog: redaction cannot be undone.
  confirmation: z.literal("REDACT", { error: "Type REDACT to confirm" }),
});

/**
 * Removes the applicant's personal data from every Verdict table, after the provider has
 * deleted or redacted its copy where it can. Ids, statuses, codes and the audit trail stay:
 * they say what happened without saying who it happened to.
 */
export async function redactSession(ctx: ServiceContext, input: z.infer<typeof RedactInput>): Promise<{ atProvider: boolean }> {
  const { db, viewer, resolveAdapter = getProviderAdapter } = ctx;
  assertMay(viewer, "redact");
  const checked = await db.transaction(async (tx) => {
    const locked = await lockSession(tx, input.sessionId);
    const adapter = resolveAdapter(locked.provider);
    const redact = sessionAbilities(viewer, locked, adapter, ctx.now ?? new Date()).redact;
    // Redacting twice is the same as once: a second click (or a second lead) is told it is done.
    if (!redact.allowed && redact.refusal.reason === "redacted") return null;
    if (!redact.allowed) throw await refusalError(tx, locked, viewer.id, redact.refusal);
    return { session: locked, adapter, atProvider: redact.atProvider };
  });
  if (!checked) return { atProvider: false };
  const { session, adapter, atProvider } = checked;
  try {
    if (atProvider) await adapter!.redact(session.providerSessionId);
  } catch (error) {
    if (error instanceof ProviderError) throw new AppError("PROVIDER", `${error.message} Nothing was redacted.`);
    throw error;
  }
  await db.transaction(async (tx) => {
    const locked = await lockSession(tx, input.sessionId);
    // Another lead's redaction finished during the provider call: it wrote the rows already.
    if (locked.redactedAt) return;
    await wipePersonalData(tx, locked);
    await recordSessionChange(tx, {
      sessionId: locked.id,
      userId: viewer.id,
      timeline: { type: "redacted", detail: { atProvider } },
      outbound: {
        type: "session.redacted",
        data: {
          sessionId: locked.id,
          provider: locked.provider,
          providerSessionId: locked.providerSessionId,
          action: "redact",
          reasonCode: null,
          decisionId: null,
          decidedBy: viewer.id,
          status: locked.status,
        },
      },
      live: "redaction",
      audit: { actor: { id: viewer.id, label: viewer.email }, action: "session.redact", details: { atProvider, provider: locked.provider } },
    });
  });
  return { atProvider };
}
