import { BUILT_IN_ROLE_PERMISSIONS, type BuiltInRole } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/load-viewer";

export function viewerWithRole(role: BuiltInRole, id = "00000000-0000-4000-8000-000000000001"): Viewer {
  return {
    id,
    email: `${role}@example.test`,
    name: role,
    role,
    roleName: role,
    permissions: BUILT_IN_ROLE_PERMISSIONS[role],
  };
}
