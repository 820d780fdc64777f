"use server";

import { after } from "next/server";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getProviderAdapter } from "@/lib/providers/registry";
import { PROVIDER_IDS } from "@/lib/providers/types";
import { refreshSession } from "@/lib/sync/refresh-session";
import { startProviderSync } from "@/lib/sync/schedule";
import { replayQuarantinedWebhook, type ReplayOutcomeDTO } from "@/lib/webhooks/replay";

export const syncProviderAction = defineAction({
  input: z.object({ provider: z.enum(PROVIDER_IDS) }),
  permission: "providers:manage",
  run: async ({ provider }, viewer) => {
    const adapter = getProviderAdapter(provider);
    if (!adapter) throw new AppError("NOT_FOUND", "That provider is not configured.");
    // The run itself is audited with this actor when it finishes (lib/sync/sync-provider.ts).
    if (!(await startProviderSync(adapter, { id: viewer.id, label: viewer.email }))) {
      throw new AppError("CONFLICT", `${adapter.displayName} is already syncing or cannot list sessions.`);
    }
    return { started: true };
  },
});

export const replayQuarantinedWebhookAction = defineAction({
  input: z.object({ id: z.uuid({ error: "Unknown quarantined webhook" }) }),
  permission: "providers:manage",
  run: async ({ id }, viewer): Promise<ReplayOutcomeDTO> => {
    const db = await getDb();
    const replay = await replayQuarantinedWebhook(db, { id, viewer, adapterFor: getProviderAdapter });
    if (replay.result === "still_failing") return { result: replay.result, message: `Still failing, kept in quarantine: ${replay.error}` };
    if (replay.result === "already_applied") return { result: replay.result, message: "Already applied: the provider's retry got through meanwhile." };
    // As for a delivery: an event that only names the session is followed by a read of it.
    if (replay.needsRefresh) after(() => refreshSession(db, replay.adapter, replay.providerSessionId));
    return { result: replay.result, message: `Replayed: the event was ${replay.outcome}.` };
  },
});
