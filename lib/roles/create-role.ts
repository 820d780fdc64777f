import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { roles } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import type { Viewer } from "@/lib/auth/load-viewer";
import { AppError } from "@/lib/errors";
import { actorOf, assertCanManageUsers, validationError } from "@/lib/users/authorize";
import { refuseDuplicateName } from "./lock-role-for-change";
import { CreateRoleInput } from "./schemas";

export async function createRole(db: Database, viewer: Viewer, raw: CreateRoleInput): Promise<{ key: string }> {
  assertCanManageUsers(viewer);
  const parsed = CreateRoleInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { key, name, permissions } = parsed.data;
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ key: roles.key }).from(roles).where(eq(roles.key, key));
    if (existing) throw new AppError("CONFLICT", `A role with the key "${key}" already exists. Choose another key.`);
    await refuseDuplicateName(tx, name);
    await tx.insert(roles).values({ key, name, permissions, builtIn: false });
    await appendAudit(tx, { actor: actorOf(viewer), action: "role.create", targetType: "role", targetId: key, details: { name, permissions } });
    return { key };
  });
}
