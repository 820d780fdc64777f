import "server-only";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDatabaseHandle } from "@/lib/db";
import { auth } from "./index";
import type { Viewer } from "./load-viewer";
import { can, type Permission } from "./permissions";
import { loadCachedViewer, processViewerCache } from "./viewer-registry";

export type { Viewer } from "./load-viewer";

/**
 * Who is asking: the session cookie names the user, the database says what they may do — read
 * through the process's viewer cache, which every role, permission, active-flag and token-version
 * change empties (lib/auth/viewer-cache.ts has the staleness bound).
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const handle = await getDatabaseHandle();
  return loadCachedViewer(handle.db, processViewerCache(handle), userId, session.tokenVersion);
});

export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  return viewer;
}

/** The one gate for pages and actions: signed in, active, and granted `permission`. */
export async function requirePermission(permission: Permission): Promise<Viewer> {
  const viewer = await requireViewer();
  if (!can(viewer.permissions, permission)) forbidden();
  return viewer;
}
