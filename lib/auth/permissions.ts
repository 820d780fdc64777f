/**
 * The one permission table (docs/architecture.md). Pure data, no secrets: client components may import
 * it to hide controls, but every action, route handler and data read enforces it on the server.
 * Names follow provider API scopes, `resource:action`.
 */

export const PERMISSIONS = [
  "sessions:read",
  "sessions:read_pii",
  "sessions:decide",
  "sessions:assign",
  "sessions:expire",
  "sessions:redact",
  "audit:read",
  "audit:export",
  "users:manage",
  "providers:manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_LABELS: Record<Permission, string> = {
  "sessions:read": "List sessions and open cases (personal data masked)",
  "sessions:read_pii": "See unmasked personal data and document images",
  "sessions:decide": "Approve, decline and request resubmission",
  "sessions:assign": "Assign cases to others and take over claims",
  "sessions:expire": "Expire sessions",
  "sessions:redact": "Redact personal data",
  "audit:read": "Read decision history and the audit log",
  "audit:export": "Export the audit log and decision history",
  "users:manage": "Manage users and roles",
  "providers:manage": "Sync providers and see connection health",
};

export const BUILT_IN_ROLES = ["admin", "lead", "reviewer", "auditor"] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

export const BUILT_IN_ROLE_NAMES: Record<BuiltInRole, string> = {
  admin: "Admin",
  lead: "Lead",
  reviewer: "Reviewer",
  auditor: "Auditor",
};

export const BUILT_IN_ROLE_PERMISSIONS: Record<BuiltInRole, readonly Permission[]> = {
  admin: PERMISSIONS,
  lead: ["sessions:read", "sessions:read_pii", "sessions:decide", "sessions:assign", "sessions:expire", "sessions:redact", "audit:read"],
  reviewer: ["sessions:read", "sessions:read_pii", "sessions:decide"],
  auditor: ["sessions:read", "audit:read", "audit:export"],
};

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

/** Fail closed: unknown permission strings stored on a role grant nothing. */
export function can(granted: readonly string[], permission: Permission): boolean {
  return granted.includes(permission);
}
