import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { appendAudit, recordAudit } from "@/lib/audit/append";
import { verifyPassword } from "./password";
import { accountKey, addressKey, clearFailures, lockedUntil, recordFailure, THROTTLE_POLICIES } from "./throttle";

export type SignInAttempt = { email: string; password: string; address: string };
export type SignedInUser = { id: string; email: string; name: string; tokenVersion: number };
export type SignInResult =
  | { ok: true; user: SignedInUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; until: Date };

/**
 * Checks an e-mail and password. Unknown accounts, wrong passwords and deactivated users all
 * answer "invalid" alike, so the answer never tells which accounts exist.
 */
export async function verifyCredentials(db: Database, attempt: SignInAttempt): Promise<SignInResult> {
  const email = attempt.email.trim().toLowerCase();
  const keys = [accountKey(email), addressKey(attempt.address)];
  const actor = { id: null, label: email.slice(0, 254) };

  const until = await lockedUntil(db, keys);
  if (until) {
    await recordAudit(db, { actor, action: "auth.sign_in_throttled", details: { until: until.toISOString() } });
    return { ok: false, reason: "throttled", until };
  }

  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  const passwordOk = await verifyPassword(attempt.password, user?.passwordHash ?? null);
  if (!user || !passwordOk || !user.active) {
    await recordFailure(db, keys[0]!, THROTTLE_POLICIES.account);
    await recordFailure(db, keys[1]!, THROTTLE_POLICIES.address);
    const reason = !user ? "unknown_account" : !passwordOk ? "wrong_password" : "inactive";
    await recordAudit(db, { actor: { id: user?.id ?? null, label: actor.label }, action: "auth.sign_in_failed", details: { reason } });
    return { ok: false, reason: "invalid" };
  }

  await clearFailures(db, keys[0]!);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
    await appendAudit(tx, { actor: { id: user.id, label: user.email }, action: "auth.sign_in", targetType: "user", targetId: user.id });
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, tokenVersion: user.tokenVersion } };
}
