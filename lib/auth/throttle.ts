import "server-only";
import { inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { signInThrottle } from "@/db/schema";
import { THROTTLE_POLICIES, type ThrottlePolicy as Policy } from "./throttle-policies";

export { THROTTLE_POLICIES };

export const accountKey = (email: string) => `account:${email}`;
export const addressKey = (address: string) => `address:${address}`;

/** The latest lock expiry among the keys, or null when none is locked. */
export async function lockedUntil(db: Database, keys: string[], now = new Date()): Promise<Date | null> {
  const rows = await db
    .select({ lockedUntil: signInThrottle.lockedUntil })
    .from(signInThrottle)
    .where(inArray(signInThrottle.key, keys));
  const active = rows.map((r) => r.lockedUntil).filter((d): d is Date => d !== null && d > now);
  if (active.length === 0) return null;
  return new Date(Math.max(...active.map((d) => d.getTime())));
}

/** Counts one failure atomically; starts a new window when the old one has passed. */
export async function recordFailure(db: Database, key: string, policy: Policy, now = new Date()): Promise<void> {
  const windowStart = new Date(now.getTime() - policy.windowMs);
  const lockEnd = new Date(now.getTime() + policy.lockMs);
  // Explicit casts: inside CASE the driver cannot infer the parameter types.
  const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  const fresh = sql`${signInThrottle.windowStartedAt} < ${ts(windowStart)}`;
  const failures = sql`case when ${fresh} then 1 else ${signInThrottle.failures} + 1 end`;
  await db
    .insert(signInThrottle)
    .values({ key, failures: 1, windowStartedAt: now, lockedUntil: policy.maxFailures <= 1 ? lockEnd : null })
    .onConflictDoUpdate({
      target: signInThrottle.key,
      set: {
        failures,
        windowStartedAt: sql`case when ${fresh} then ${ts(now)} else ${signInThrottle.windowStartedAt} end`,
        lockedUntil: sql`case when ${failures} >= ${policy.maxFailures}::int then ${ts(lockEnd)} else ${signInThrottle.lockedUntil} end`,
      },
    });
}

export async function clearFailures(db: Database, key: string): Promise<void> {
  await db.delete(signInThrottle).where(inArray(signInThrottle.key, [key]));
}
