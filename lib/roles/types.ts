/** DTOs of the roles admin, safe for client components (no server imports). */

export type RoleDTO = {
  key: string;
  name: string;
  /** In the order of the permission table; unknown strings stored on a role are left out. */
  permissions: string[];
  builtIn: boolean;
  userCount: number;
};

export type ProviderKeyActionDTO = { action: string; offered: boolean; allowedByKey: boolean };

/** What one configured provider's API offers and what its key may call. */
export type ProviderKeyDTO = { id: string; displayName: string; actions: ProviderKeyActionDTO[] };

/** A permission the role grants that the provider's key cannot carry out. */
export type RoleProviderGapDTO = { provider: string; displayName: string; permission: string; actions: string[] };

export type RoleOverviewDTO = RoleDTO & { providerGaps: RoleProviderGapDTO[] };
