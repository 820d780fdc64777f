import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { roles } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import type { Viewer } from "@/lib/auth/load-viewer";
import { announceViewerChange } from "@/lib/auth/viewer-change";
import { forgetViewerChange } from "@/lib/auth/viewer-registry";
import { actorOf, assertCanManageUsers, validationError } from "@/lib/users/authorize";
import { lockCustomRole, refuseDuplicateName } from "./lock-role-for-change";
import { UpdateRoleInput } from "./schemas";

/** Users holding the role get the new permissions on their next request: every viewer cache forgets them at commit. */
export async function updateRole(db: Database, viewer: Viewer, raw: UpdateRoleInput): Promise<{ key: string; changed: boolean }> {
  assertCanManageUsers(viewer);
  const parsed = UpdateRoleInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { key, name, permissions } = parsed.data;
  const result = await db.transaction(async (tx) => {
    const before = await lockCustomRole(tx, key);
    const added = permissions.filter((p) => !before.permissions.includes(p));
    const removed = before.permissions.filter((p) => !(permissions as string[]).includes(p));
    const renamed = before.name !== name;
    if (!renamed && added.length === 0 && removed.length === 0) return { key, changed: false };
    if (renamed) await refuseDuplicateName(tx, name, key);
    await tx.update(roles).set({ name, permissions }).where(eq(roles.key, key));
    await announceViewerChange(tx, { roleKey: key });
    await appendAudit(tx, {
      actor: actorOf(viewer),
      action: "role.update",
      targetType: "role",
      targetId: key,
      details: { added, removed, ...(renamed ? { name } : {}) },
    });
    return { key, changed: true };
  });
  if (result.changed) forgetViewerChange(db, { roleKey: key });
  return result;
}
