import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { roles, users } from "@/db/schema";

export type Viewer = {
  id: string;
  email: string;
  name: string;
  role: string;
  roleName: string;
  permissions: readonly string[];
};

/**
 * Resolves a session token's claims to the current viewer, from the database every time:
 * a deactivated user, a bumped token version or a changed role takes effect on the next request.
 */
export async function loadViewer(db: Database, userId: string, tokenVersion: number): Promise<Viewer | null> {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      active: users.active,
      tokenVersion: users.tokenVersion,
      role: roles.key,
      roleName: roles.name,
      permissions: roles.permissions,
    })
    .from(users)
    .innerJoin(roles, eq(roles.key, users.roleKey))
    .where(eq(users.id, userId))
    .limit(1);
  if (!row || !row.active || row.tokenVersion !== tokenVersion) return null;
  const { active: _active, tokenVersion: _version, ...viewer } = row;
  return viewer;
}
