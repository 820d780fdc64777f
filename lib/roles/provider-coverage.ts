import type { Permission } from "@/lib/auth/permissions";
import { PROVIDER_ACTIONS, type Capabilities, type ProviderAction } from "@/lib/providers/types";
import type { ProviderKeyDTO, RoleProviderGapDTO } from "./types";

/** Which provider calls each permission leads to; permissions not listed never reach a provider. */
export const PERMISSION_PROVIDER_ACTIONS: Partial<Record<Permission, readonly ProviderAction[]>> = {
  "sessions:read": ["get"],
  "sessions:read_pii": ["media"],
  "sessions:decide": ["approve", "decline", "resubmit"],
  "sessions:expire": ["expire"],
  "sessions:redact": ["redact"],
  "providers:manage": ["list"],
};

export type ProviderWithCapabilities = { id: string; displayName: string; capabilities: () => Capabilities };

export function describeProviderKey(provider: ProviderWithCapabilities): ProviderKeyDTO {
  const { offered, allowedByKey } = provider.capabilities();
  return {
    id: provider.id,
    displayName: provider.displayName,
    actions: PROVIDER_ACTIONS.map((action) => ({ action, offered: offered[action], allowedByKey: offered[action] && allowedByKey[action] })),
  };
}

/**
 * The permissions of a role that a provider's API offers but its configured key may not call:
 * users with the role will be refused there. Actions the API does not offer at all are not
 * gaps (Verdict records those decisions itself, or the action does not exist for that provider).
 */
export function roleProviderGaps(permissions: readonly string[], providers: readonly ProviderKeyDTO[]): RoleProviderGapDTO[] {
  const gaps: RoleProviderGapDTO[] = [];
  for (const provider of providers) {
    for (const [permission, actions] of Object.entries(PERMISSION_PROVIDER_ACTIONS)) {
      if (!permissions.includes(permission)) continue;
      const blocked = actions.filter((action) => provider.actions.some((a) => a.action === action && a.offered && !a.allowedByKey));
      if (blocked.length > 0) gaps.push({ provider: provider.id, displayName: provider.displayName, permission, actions: blocked });
    }
  }
  return gaps;
}
