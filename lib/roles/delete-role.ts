import "server-only";
import { count, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { roles, users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import type { Viewer } from "@/lib/auth/load-viewer";
import { AppError } from "@/lib/errors";
import { actorOf, assertCanManageUsers, validationError } from "@/lib/users/authorize";
import { lockCustomRole } from "./lock-role-for-change";
import { DeleteRoleInput } from "./schemas";

/**
 * Refused while any user (active or not) has the role. The role row is locked first, and
 * assigning a role takes a share lock on it (lock-role.ts), so a user cannot be given the role
 * between the count and the delete.
 */
export async function deleteRole(db: Database, viewer: Viewer, raw: DeleteRoleInput): Promise<{ key: string }> {
  assertCanManageUsers(viewer);
  const parsed = DeleteRoleInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { key } = parsed.data;
  return db.transaction(async (tx) => {
    const role = await lockCustomRole(tx, key);
    const [holders] = await tx.select({ n: count() }).from(users).where(eq(users.roleKey, key));
    const n = holders?.n ?? 0;
    if (n > 0) {
      throw new AppError("CONFLICT", `${n === 1 ? "1 user has" : `${n} users have`} the role ${role.name}. Give them another role first, then delete it.`);
    }
    await tx.delete(roles).where(eq(roles.key, key));
    await appendAudit(tx, { actor: actorOf(viewer), action: "role.delete", targetType: "role", targetId: key, details: { name: role.name } });
    return { key };
  });
}
