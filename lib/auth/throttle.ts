import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { signInThrottle } from "@/db/schema";
import { lockAfter, THROTTLE_POLICIES, type ThrottlePolicy } from "./throttle-policies";

export { THROTTLE_POLICIES };

type Executor = Database | Transaction;

export const accountKey = (email: string) => `account:${email}`;
export const addressKey = (address: string) => `address:${address}`;
export const pairKey = (email: string, address: string) => `pair:${address}|${email}`;

/** Which throttle a key belongs to, for audit rows (the key itself holds an e-mail and an address). */
export function scopeOf(key: string): string {
  return key.slice(0, key.indexOf(":"));
}

/** The latest lock expiry among the keys, or null when none is locked. */
export async function lockedUntil(db: Executor, keys: string[], now = new Date()): Promise<Date | null> {
  const rows = await db.select({ lockedUntil: signInThrottle.lockedUntil }).from(signInThrottle).where(inArray(signInThrottle.key, keys));
  const active = rows.map((r) => r.lockedUntil).filter((d): d is Date => d !== null && d > now);
  if (active.length === 0) return null;
  return new Date(Math.max(...active.map((d) => d.getTime())));
}

// Explicit casts: inside CASE the driver cannot infer the parameter types.
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * Counts one failure; starts a new window when the old one has passed (a delay policy's window
 * slides: it restarts at every failure). Sets the lock the policy asks for at this count. Run it
 * inside the caller's transaction to keep the count and the lock together.
 */
export async function recordFailure(db: Executor, key: string, policy: ThrottlePolicy, now = new Date()): Promise<void> {
  const fresh = sql`${signInThrottle.windowStartedAt} < ${ts(new Date(now.getTime() - policy.windowMs))}`;
  const [row] = await db
    .insert(signInThrottle)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: signInThrottle.key,
      set: {
        failures: sql`case when ${fresh} then 1 else ${signInThrottle.failures} + 1 end`,
        windowStartedAt: policy.kind === "delay" ? now : sql`case when ${fresh} then ${ts(now)} else ${signInThrottle.windowStartedAt} end`,
      },
    })
    .returning({ failures: signInThrottle.failures });
  const until = lockAfter(policy, row!.failures, now);
  if (until) await db.update(signInThrottle).set({ lockedUntil: until }).where(eq(signInThrottle.key, key));
}

export async function clearFailures(db: Executor, key: string): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, key));
}

export type Refusal = { key: string; until: Date; firstInWindow: boolean; previousWindowRefusals: number };

/**
 * Counts an attempt refused because one of `keys` is locked, against the lock that ends last;
 * null when none is locked. `firstInWindow` is true once per lock window: the caller audits
 * that one and the rest are only counted (lib/auth/credentials.ts). The row lock serialises
 * concurrent refusals, so two of them cannot both be first.
 */
export async function countRefusal(tx: Transaction, keys: string[], now = new Date()): Promise<Refusal | null> {
  const rows = await tx.select().from(signInThrottle).where(inArray(signInThrottle.key, keys)).for("update");
  const locked = rows.filter((row) => row.lockedUntil !== null && row.lockedUntil > now);
  if (locked.length === 0) return null;
  const row = locked.reduce((a, b) => (b.lockedUntil!.getTime() > a.lockedUntil!.getTime() ? b : a));
  const firstInWindow = row.refusedUntil?.getTime() !== row.lockedUntil!.getTime();
  await tx
    .update(signInThrottle)
    .set({ refused: firstInWindow ? 1 : sql`${signInThrottle.refused} + 1`, refusedUntil: row.lockedUntil })
    .where(eq(signInThrottle.key, row.key));
  return { key: row.key, until: row.lockedUntil!, firstInWindow, previousWindowRefusals: firstInWindow && row.refusedUntil ? row.refused : 0 };
}
