import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { users } from "@/db/schema";
import { AppError } from "@/lib/errors";

export type LockedUser = { id: string; email: string; roleKey: string; active: boolean };
export type LockedForChange = { target: LockedUser; activeAdminIds: string[] };

const ADMIN_ROLE = "admin";

/**
 * Locks every active admin, then the target user, for the rest of the transaction. Every user
 * change goes through here, always in this order (admins by id first), so two admins demoting
 * or deactivating each other at once serialise instead of both seeing "another admin is left":
 * the second one waits, then re-reads the admins as committed by the first.
 */
export async function lockUsersForChange(tx: Transaction, userId: string): Promise<LockedForChange> {
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.roleKey, ADMIN_ROLE), eq(users.active, true)))
    .orderBy(asc(users.id))
    .for("update");
  const [target] = await tx
    .select({ id: users.id, email: users.email, roleKey: users.roleKey, active: users.active })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  if (!target) throw new AppError("NOT_FOUND", "This user no longer exists. Reload the page.");
  return { target, activeAdminIds: admins.map((admin) => admin.id) };
}

/** The last active user with the built-in admin role stays an active admin. */
export function refuseLastAdmin({ target, activeAdminIds }: LockedForChange, change: "demote" | "deactivate"): void {
  const isActiveAdmin = target.active && target.roleKey === ADMIN_ROLE;
  if (!isActiveAdmin || activeAdminIds.some((id) => id !== target.id)) return;
  const what = change === "demote" ? "change their role" : "deactivate them";
  throw new AppError("CONFLICT", `${target.email} is the last active admin. Make another user an admin first, then ${what}.`);
}
