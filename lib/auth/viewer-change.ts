import "server-only";
import { sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";

/** PostgreSQL channel on which every instance hears that cached viewers went stale. */
export const AUTH_CHANNEL = "verdict_auth";

/** What went stale: one user (role, active flag, token version), every holder of a role, or everyone. */
export type ViewerChange = { userId: string } | { roleKey: string } | { all: true };

export function parseViewerChange(payload: string): ViewerChange | null {
  try {
    const value = JSON.parse(payload) as Record<string, unknown>;
    if (typeof value.userId === "string") return { userId: value.userId };
    if (typeof value.roleKey === "string") return { roleKey: value.roleKey };
    if (value.all === true) return { all: true };
  } catch {
    // Not JSON: the caller forgets everything.
  }
  return null;
}

/**
 * Tells every instance's viewer cache to drop `change`. Call it inside the transaction that writes
 * the change: PostgreSQL delivers it when (and only if) the transaction commits. Ids and role keys
 * only, never an e-mail or a name.
 */
export async function announceViewerChange(tx: Transaction, change: ViewerChange): Promise<void> {
  await tx.execute(sql`select pg_notify(${AUTH_CHANNEL}, ${JSON.stringify(change)})`);
}
