import "server-only";
import type { Viewer } from "./load-viewer";
import { can, type Permission } from "./permissions";
import { getViewer } from "./viewer";

/**
 * For route handlers, which the proxy does not cover: 401 without a valid session,
 * 403 without the permission, else the handler runs with the viewer.
 */
export function withPermission<Args extends unknown[]>(permission: Permission, handler: (viewer: Viewer, request: Request, ...args: Args) => Promise<Response>) {
  return async (request: Request, ...args: Args): Promise<Response> => {
    const viewer = await getViewer();
    if (!viewer) return Response.json({ error: "Sign in first" }, { status: 401 });
    if (!can(viewer.permissions, permission)) return Response.json({ error: "Forbidden" }, { status: 403 });
    return handler(viewer, request, ...args);
  };
}
