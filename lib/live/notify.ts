import "server-only";
import { sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { type ChangeReason, type SessionsChanged, UUID_PATTERN } from "./event";

export const LIVE_CHANNEL = "verdict_sessions";

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; 150 quoted uuids stay near 6000. */
export const MAX_IDS_PER_NOTIFICATION = 150;
/** Past this many ids a browser reloads everything anyway: one `all` is cheaper than many batches. */
export const MAX_IDS_NAMED = 1_200;

/**
 * The NOTIFY payloads announcing that `sessionIds` changed: batches of ids, or one `all`.
 * `actorId`: the user whose action it was (a uuid, never a name or e-mail), if any.
 */
export function buildNotificationPayloads(sessionIds: readonly string[], reason: ChangeReason, actorId?: string | null): string[] {
  // Events reach every signed-in browser; a stray name or e-mail here would leak personal data.
  const invalid = [...sessionIds, ...(actorId ? [actorId] : [])].find((id) => !UUID_PATTERN.test(id));
  if (invalid !== undefined) throw new TypeError("notifySessionsChanged takes Verdict uuids only");
  const ids = [...new Set(sessionIds.map((id) => id.toLowerCase()))];
  if (ids.length === 0) return [];
  const by = actorId ? { actor: actorId.toLowerCase() } : {};
  if (ids.length > MAX_IDS_NAMED) return [JSON.stringify({ all: true, reason, ...by } satisfies SessionsChanged)];
  const payloads: string[] = [];
  for (let start = 0; start < ids.length; start += MAX_IDS_PER_NOTIFICATION) {
    const batch = ids.slice(start, start + MAX_IDS_PER_NOTIFICATION);
    payloads.push(JSON.stringify({ ids: batch, reason, ...by } satisfies SessionsChanged));
  }
  return payloads;
}

/**
 * Tells every app instance's open browsers that these sessions changed. Call it inside the
 * transaction that made the change: PostgreSQL delivers the notification only if and when that
 * transaction commits, so browsers never hear about a change that was rolled back.
 */
export async function notifySessionsChanged(tx: Transaction, sessionIds: readonly string[], reason: ChangeReason, actorId?: string | null): Promise<void> {
  for (const payload of buildNotificationPayloads(sessionIds, reason, actorId)) {
    await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${payload})`);
  }
}
