import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { verificationSessions as sessions } from "@/db/schema";
import { PROVIDER_IDS } from "@/lib/providers/types";

/**
 * Verdict's ids of the sessions a provider session id names (one per provider at most). No index
 * starts with provider_session_id; naming every provider lets the (provider, provider_session_id)
 * unique index answer with one probe per provider, where the bare equality scans the table.
 */
export async function sessionIdsByProviderSessionId(db: Database, providerSessionId: string): Promise<string[]> {
  const rows = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(inArray(sessions.provider, [...PROVIDER_IDS]), eq(sessions.providerSessionId, providerSessionId)))
    .limit(20);
  return rows.map((row) => row.id);
}
