import "server-only";
import { count, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { roles, users } from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-viewer";
import { BUILT_IN_ROLES, PERMISSIONS } from "@/lib/auth/permissions";
import { assertCanManageUsers } from "@/lib/users/authorize";
import type { RoleDTO } from "./types";

const builtInOrder = (key: string) => {
  const index = (BUILT_IN_ROLES as readonly string[]).indexOf(key);
  return index === -1 ? BUILT_IN_ROLES.length : index;
};

/** Built-in roles first (admin, lead, reviewer, auditor), then custom roles by name. */
export async function listRoles(db: Database, viewer: Viewer): Promise<RoleDTO[]> {
  assertCanManageUsers(viewer);
  const rows = await db
    .select({ key: roles.key, name: roles.name, permissions: roles.permissions, builtIn: roles.builtIn, userCount: count(users.id) })
    .from(roles)
    .leftJoin(users, eq(users.roleKey, roles.key))
    .groupBy(roles.key);
  return rows
    .map((row) => ({ ...row, permissions: PERMISSIONS.filter((p) => row.permissions.includes(p)) }))
    .sort((a, b) => builtInOrder(a.key) - builtInOrder(b.key) || a.name.localeCompare(b.name));
}
