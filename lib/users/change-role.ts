import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import { announceViewerChange } from "@/lib/auth/viewer-change";
import { forgetViewerChange } from "@/lib/auth/viewer-registry";
import { lockRoleForUse } from "@/lib/roles/lock-role";
import { actorOf, assertCanManageUsers, validationError } from "./authorize";
import { lockUsersForChange, refuseLastAdmin } from "./lock-users";
import { ChangeRoleInput } from "./schemas";
import type { UsersContext } from "./context";

export type RoleChange = { userId: string; role: string; changed: boolean };

/** Takes effect on the user's next request: every instance's viewer cache forgets the user at commit. */
export async function changeUserRole({ db, viewer }: UsersContext, raw: ChangeRoleInput): Promise<RoleChange> {
  assertCanManageUsers(viewer);
  const parsed = ChangeRoleInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { userId, role } = parsed.data;
  const result = await db.transaction(async (tx): Promise<RoleChange> => {
    const locked = await lockUsersForChange(tx, userId);
    await lockRoleForUse(tx, role);
    const from = locked.target.roleKey;
    if (from === role) return { userId, role, changed: false };
    if (role !== "admin") refuseLastAdmin(locked, "demote");
    await tx.update(users).set({ roleKey: role, updatedAt: new Date() }).where(eq(users.id, userId));
    await announceViewerChange(tx, { userId });
    await appendAudit(tx, { actor: actorOf(viewer), action: "user.role_change", targetType: "user", targetId: userId, details: { from, to: role } });
    return { userId, role, changed: true };
  });
  if (result.changed) forgetViewerChange(db, { userId });
  return result;
}
