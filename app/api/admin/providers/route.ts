import { withPermission } from "@/lib/auth/route-guard";
import { getDb } from "@/lib/db";
import { listProviderStatus } from "@/lib/sync/sync-status";

export const dynamic = "force-dynamic";

/** Provider health and sync progress, polled by the admin page while a sync runs. */
export const GET = withPermission("providers:manage", async (viewer) => Response.json(await listProviderStatus(await getDb(), viewer)));
