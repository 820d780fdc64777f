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

/** What the database says about a user, before the session token's version is compared. */
export type ViewerRecord = Viewer & { active: boolean; tokenVersion: number };

export async function loadViewerRecord(db: Database, userId: string): Promise<ViewerRecord | null> {
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
  if (!row) return null;
  // Cached records are shared by every request of the user: nobody may edit them in place.
  return Object.freeze({ ...row, permissions: Object.freeze([...row.permissions]) });
}

/** A deactivated user or a token from before the last version bump is nobody. */
export function viewerFromRecord(record: ViewerRecord | null, tokenVersion: number): Viewer | null {
  if (!record || !record.active || record.tokenVersion !== tokenVersion) return null;
  const { active: _active, tokenVersion: _version, ...viewer } = record;
  return viewer;
}

/**
 * Resolves a session token's claims to the current viewer, straight from the database (requests go
 * through the per-process cache instead, lib/auth/viewer-registry.ts).
 */
export async function loadViewer(db: Database, userId: string, tokenVersion: number): Promise<Viewer | null> {
  return viewerFromRecord(await loadViewerRecord(db, userId), tokenVersion);
}
