import "server-only";
import type { Database } from "@/db/client";
import type { Viewer } from "@/lib/auth/load-viewer";
import { getConfiguredProviders } from "@/lib/providers/registry";
import { listRoles } from "./list-roles";
import { describeProviderKey, roleProviderGaps, type ProviderWithCapabilities } from "./provider-coverage";
import type { ProviderKeyDTO, RoleOverviewDTO } from "./types";

export type RolesOverview = { roles: RoleOverviewDTO[]; providers: ProviderKeyDTO[] };

/** Every role with, per configured provider, what it grants that the provider's key cannot do. */
export async function loadRolesOverview(
  db: Database,
  viewer: Viewer,
  configured: () => readonly ProviderWithCapabilities[] = getConfiguredProviders,
): Promise<RolesOverview> {
  const roles = await listRoles(db, viewer);
  const providers = configured().map(describeProviderKey);
  return { roles: roles.map((role) => ({ ...role, providerGaps: roleProviderGaps(role.permissions, providers) })), providers };
}
