import { z } from "zod";
import { PERMISSIONS } from "@/lib/auth/permissions";

export const ROLE_KEY_PATTERN = /^[a-z][a-z0-9_]{1,40}$/;

const RoleKey = z.string().trim().regex(ROLE_KEY_PATTERN, { error: "Use 2–41 characters: a lower-case letter first, then lower-case letters, digits or _" });

const RoleName = z.string().trim().min(1, { error: "Enter a name" }).max(100, { error: "Use at most 100 characters" });

const RolePermissions = z
  .array(z.enum(PERMISSIONS, { error: "Choose permissions from the list" }))
  .min(1, { error: "Tick at least one permission" })
  .transform((granted) => PERMISSIONS.filter((permission) => granted.includes(permission)));

export const CreateRoleInput = z.object({ key: RoleKey, name: RoleName, permissions: RolePermissions });
export type CreateRoleInput = z.input<typeof CreateRoleInput>;

export const UpdateRoleInput = z.object({ key: z.string().trim().min(1).max(60), name: RoleName, permissions: RolePermissions });
export type UpdateRoleInput = z.input<typeof UpdateRoleInput>;

export const DeleteRoleInput = z.object({ key: z.string().trim().min(1).max(60) });
export type DeleteRoleInput = z.input<typeof DeleteRoleInput>;
