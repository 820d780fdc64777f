import "server-only";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { auth } from "./index";
import { loadViewer, type Viewer } from "./load-viewer";
import { can, type Permission } from "./permissions";

export type { Viewer } from "./load-viewer";

/** Who is asking: the session cookie names the user, the database says what they may do. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  return loadViewer(await getDb(), userId, session.tokenVersion);
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
