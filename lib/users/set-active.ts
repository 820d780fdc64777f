import "server-only";
import { eq, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import { announceViewerChange } from "@/lib/auth/viewer-change";
import { forgetViewerChange } from "@/lib/auth/viewer-registry";
import { AppError } from "@/lib/errors";
import { actorOf, assertCanManageUsers, validationError } from "./authorize";
import { lockUsersForChange, refuseLastAdmin } from "./lock-users";
import { UserIdInput } from "./schemas";
import { revokeLiveTokens } from "./set-password-tokens";
import type { UsersContext } from "./context";

export type ActiveChange = { userId: string; active: boolean; changed: boolean };

function parseUserId(raw: UserIdInput): string {
  const parsed = UserIdInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error.issues);
  return parsed.data.userId;
}

/**
 * Bumping the token version invalidates every session token the user holds, so they are
 * signed out on their next request; unused set-password links stop working too.
 */
export async function deactivateUser({ db, viewer, now = new Date() }: UsersContext, raw: UserIdInput): Promise<ActiveChange> {
  assertCanManageUsers(viewer);
  const userId = parseUserId(raw);
  if (userId === viewer.id) throw new AppError("VALIDATION", "You cannot deactivate your own account. Ask another admin to do it.");
  const result = await db.transaction(async (tx): Promise<ActiveChange> => {
    const locked = await lockUsersForChange(tx, userId);
    if (!locked.target.active) return { userId, active: false, changed: false };
    refuseLastAdmin(locked, "deactivate");
    await tx
      .update(users)
      .set({ active: false, tokenVersion: sql`${users.tokenVersion} + 1`, updatedAt: now })
      .where(eq(users.id, userId));
    await revokeLiveTokens(tx, userId, now);
    await announceViewerChange(tx, { userId });
    await appendAudit(tx, { actor: actorOf(viewer), action: "user.deactivate", targetType: "user", targetId: userId });
    return { userId, active: false, changed: true };
  });
  // Committed: this instance's next request must not find the user in its viewer cache.
  if (result.changed) forgetViewerChange(db, { userId });
  return result;
}

/** Sessions from before the deactivation stay invalid: the user signs in again. */
export async function reactivateUser({ db, viewer, now = new Date() }: UsersContext, raw: UserIdInput): Promise<ActiveChange> {
  assertCanManageUsers(viewer);
  const userId = parseUserId(raw);
  const result = await db.transaction(async (tx): Promise<ActiveChange> => {
    const { target } = await lockUsersForChange(tx, userId);
    if (target.active) return { userId, active: true, changed: false };
    await tx.update(users).set({ active: true, updatedAt: now }).where(eq(users.id, userId));
    await announceViewerChange(tx, { userId });
    await appendAudit(tx, { actor: actorOf(viewer), action: "user.reactivate", targetType: "user", targetId: userId });
    return { userId, active: true, changed: true };
  });
  if (result.changed) forgetViewerChange(db, { userId });
  return result;
}
