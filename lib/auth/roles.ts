import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { roles } from "@/db/schema";
import { BUILT_IN_ROLE_NAMES, BUILT_IN_ROLE_PERMISSIONS, BUILT_IN_ROLES } from "./permissions";

/** Built-in roles always match the permission table in code; admins cannot edit them. */
export async function ensureBuiltInRoles(db: Database): Promise<void> {
  await db
    .insert(roles)
    .values(
      BUILT_IN_ROLES.map((key) => ({
        key,
        name: BUILT_IN_ROLE_NAMES[key],
        permissions: [...BUILT_IN_ROLE_PERMISSIONS[key]],
        builtIn: true,
      })),
    )
    .onConflictDoUpdate({
      target: roles.key,
      set: { name: sql`excluded.name`, permissions: sql`excluded.permissions`, builtIn: sql`true` },
    });
}
