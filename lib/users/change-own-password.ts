import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import { appendAudit, recordAudit } from "@/lib/audit/append";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { announceViewerChange } from "@/lib/auth/viewer-change";
import { forgetViewerChange } from "@/lib/auth/viewer-registry";
import { accountKey, lockedUntil, recordFailure, THROTTLE_POLICIES } from "@/lib/auth/throttle";
import { AppError } from "@/lib/errors";
import { actorOf, validationError } from "./authorize";
import { ChangeOwnPasswordInput } from "./schemas";
import type { UsersContext } from "./context";

/**
 * Any signed-in user, for their own account only. The token version is bumped, so every
 * other session of the user (another browser, a stolen cookie) ends on its next request; the
 * caller re-issues the current session (app/(app)/account/actions.ts). Wrong current
 * passwords count towards the same lock-out as failed sign-ins, so a hijacked session cannot
 * be used to guess the password.
 */
export async function changeOwnPassword({ db, viewer }: UsersContext, raw: ChangeOwnPasswordInput): Promise<{ email: string }> {
  const parsed = ChangeOwnPasswordInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { currentPassword, newPassword } = parsed.data;
  const key = accountKey(viewer.email);
  const until = await lockedUntil(db, [key]);
  if (until) throw new AppError("CONFLICT", `Too many wrong passwords. Try again after ${until.toISOString().slice(11, 16)} UTC.`);

  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, viewer.id));
  if (!user) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    await recordFailure(db, key, THROTTLE_POLICIES.account);
    await recordAudit(db, { actor: actorOf(viewer), action: "user.password_change_failed", targetType: "user", targetId: viewer.id });
    throw new AppError("VALIDATION", "Your current password is not correct.");
  }

  const passwordHash = await hashPassword(newPassword);
  const changed = await db.transaction(async (tx) => {
    // Only if nobody changed the password since it was checked above.
    const [changed] = await tx
      .update(users)
      .set({ passwordHash, tokenVersion: sql`${users.tokenVersion} + 1`, updatedAt: new Date() })
      .where(and(eq(users.id, viewer.id), eq(users.passwordHash, user.passwordHash), eq(users.active, true)))
      .returning({ email: users.email });
    if (!changed) throw new AppError("CONFLICT", "Your password was changed meanwhile. Reload the page and try again.");
    await announceViewerChange(tx, { userId: viewer.id });
    await appendAudit(tx, { actor: actorOf(viewer), action: "user.password_change", targetType: "user", targetId: viewer.id });
    return changed;
  });
  forgetViewerChange(db, { userId: viewer.id });
  return changed;
}
