import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import { verifyPassword } from "./password";
import { accountKey, addressKey, clearFailures, countRefusal, pairKey, recordFailure, scopeOf, THROTTLE_POLICIES } from "./throttle";

export type SignInAttempt = { email: string; password: string; address: string };
export type SignedInUser = { id: string; email: string; name: string; tokenVersion: number };
export type SignInResult = { ok: true; user: SignedInUser } | { ok: false; reason: "invalid" } | { ok: false; reason: "throttled"; until: Date };

/**
 * Checks an e-mail and password. Unknown accounts, wrong passwords and deactivated users all
 * answer "invalid" alike, so the answer never tells which accounts exist; the throttles count
 * unknown accounts like real ones for the same reason.
 */
export async function verifyCredentials(db: Database, attempt: SignInAttempt, now = new Date()): Promise<SignInResult> {
  const email = attempt.email.trim().toLowerCase();
  const pair = pairKey(email, attempt.address);
  const keys = [pair, accountKey(email), addressKey(attempt.address)];
  const actor = { id: null, label: email.slice(0, 254) };

  // One audit row per lock window, however many attempts it refuses: the log is append-only,
  // and a signed-out client must not be able to grow it at will.
  const refusal = await db.transaction(async (tx) => {
    const counted = await countRefusal(tx, keys, now);
    if (counted?.firstInWindow) {
      const details = { scope: scopeOf(counted.key), until: counted.until.toISOString(), previousWindowRefusals: counted.previousWindowRefusals };
      await appendAudit(tx, { actor, action: "auth.sign_in_throttled", details });
    }
    return counted;
  });
  if (refusal) return { ok: false, reason: "throttled", until: refusal.until };

  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  const passwordOk = await verifyPassword(attempt.password, user?.passwordHash ?? null);
  if (!user || !passwordOk || !user.active) {
    const reason = !user ? "unknown_account" : !passwordOk ? "wrong_password" : "inactive";
    await db.transaction(async (tx) => {
      await recordFailure(tx, keys[0]!, THROTTLE_POLICIES.pair, now);
      await recordFailure(tx, keys[1]!, THROTTLE_POLICIES.account, now);
      await recordFailure(tx, keys[2]!, THROTTLE_POLICIES.address, now);
      await appendAudit(tx, { actor: { id: user?.id ?? null, label: actor.label }, action: "auth.sign_in_failed", details: { reason } });
    });
    return { ok: false, reason: "invalid" };
  }

  // Only this address's failures on this account: clearing the account's count on a success
  // would hand someone guessing from elsewhere a fresh set of free attempts.
  await db.transaction(async (tx) => {
    await clearFailures(tx, pair);
    await tx.update(users).set({ lastSignInAt: now }).where(eq(users.id, user.id));
    await appendAudit(tx, { actor: { id: user.id, label: user.email }, action: "auth.sign_in", targetType: "user", targetId: user.id });
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, tokenVersion: user.tokenVersion } };
}
