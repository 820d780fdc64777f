import "server-only";
import { sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { roles } from "@/db/schema";
import { BUILT_IN_ROLE_NAMES, BUILT_IN_ROLE_PERMISSIONS, BUILT_IN_ROLES } from "./permissions";
import { announceViewerChange } from "./viewer-change";
import { forgetViewerChange } from "./viewer-registry";

/**
 * Built-in roles always match the permission table in code; admins cannot edit them. A new
 * release may change that table: instances still running the old one drop their cached viewers.
 */
export async function ensureBuiltInRoles(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await upsertBuiltInRoles(tx);
    await announceViewerChange(tx, { all: true });
  });
  forgetViewerChange(db, { all: true });
}

async function upsertBuiltInRoles(tx: Transaction): Promise<void> {
  await tx
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
