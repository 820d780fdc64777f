import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { roles } from "@/db/schema";
import { AppError } from "@/lib/errors";

export type LockedRole = { key: string; name: string; permissions: string[] };

/** Locks a custom role for editing or deletion; built-in roles follow the code and are read-only. */
export async function lockCustomRole(tx: Transaction, key: string): Promise<LockedRole> {
  const [role] = await tx
    .select({ key: roles.key, name: roles.name, permissions: roles.permissions, builtIn: roles.builtIn })
    .from(roles)
    .where(eq(roles.key, key))
    .for("update");
  if (!role) throw new AppError("NOT_FOUND", `There is no role "${key}". Reload the page.`);
  if (role.builtIn) throw new AppError("FORBIDDEN", `${role.name} is a built-in role and cannot be changed. Create a custom role instead.`);
  return role;
}

/** Two roles with the same name would be indistinguishable in the role picker. */
export async function refuseDuplicateName(tx: Transaction, name: string, exceptKey?: string): Promise<void> {
  const sameName = sql`lower(${roles.name}) = lower(${name})`;
  const [clash] = await tx
    .select({ key: roles.key })
    .from(roles)
    .where(exceptKey ? and(sameName, ne(roles.key, exceptKey)) : sameName)
    .limit(1);
  if (clash) throw new AppError("CONFLICT", `The role "${clash.key}" is already called "${name}". Choose another name.`);
}
