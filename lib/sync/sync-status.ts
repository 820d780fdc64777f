import "server-only";
import { desc } from "drizzle-orm";
import type { Database } from "@/db/client";
import { providerSyncRuns } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/load-viewer";
import { AppError } from "@/lib/errors";
import { getConfiguredProviders } from "@/lib/providers/registry";
import type { Capabilities } from "@/lib/providers/types";
import { canList } from "./schedule";

export type SyncRunDTO = {
  trigger: string;
  state: string;
  fetched: number;
  upserted: number;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
};

export type ProviderStatusDTO = {
  provider: string;
  displayName: string;
  capabilities: Capabilities;
  canSync: boolean;
  webhookPath: string;
  webhookConfigured: boolean;
  lastRun: SyncRunDTO | null;
};

export async function listProviderStatus(db: Database, viewer: Viewer): Promise<ProviderStatusDTO[]> {
  if (!can(viewer.permissions, "providers:manage")) throw new AppError("FORBIDDEN", "You may not manage providers");
  const runs = await db.select().from(providerSyncRuns).orderBy(desc(providerSyncRuns.startedAt)).limit(200);
  return getConfiguredProviders().map((adapter) => {
    const last = runs.find((run) => run.provider === adapter.id);
    return {
      provider: adapter.id,
      displayName: adapter.displayName,
      capabilities: adapter.capabilities(),
      canSync: canList(adapter),
      webhookPath: `/api/webhooks/${adapter.id}`,
      webhookConfigured: Boolean(adapter.webhook),
      lastRun: last
        ? {
            trigger: last.trigger,
            state: last.state,
            fetched: last.fetched,
            upserted: last.upserted,
            error: last.error,
            startedAt: last.startedAt.toISOString(),
            finishedAt: last.finishedAt?.toISOString() ?? null,
          }
        : null,
    };
  });
}
