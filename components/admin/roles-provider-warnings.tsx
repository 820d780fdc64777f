import type { RoleProviderGapDTO } from "@/lib/roles/types";

/** Visible, not a tooltip: the admin should see it while deciding what a role grants. */
export function RolesProviderWarnings({ gaps }: { gaps: RoleProviderGapDTO[] }) {
  if (gaps.length === 0) return null;
  return (
    <ul className="mt-3 space-y-1 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="role-provider-warning">
      {gaps.map((gap) => (
        <li key={`${gap.provider}:${gap.permission}`}>
          <span aria-hidden="true">⚠ </span>This role grants <code>{gap.permission}</code>, but the configured {gap.displayName} key may not {gap.actions.join(", ")}
          : users with this role will be refused for {gap.displayName} sessions.
        </li>
      ))}
    </ul>
  );
}
