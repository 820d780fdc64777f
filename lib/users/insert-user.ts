import "server-only";
import { eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { users } from "@/db/schema";
import { appendAudit, type AuditActor } from "@/lib/audit/append";
import { AppError } from "@/lib/errors";
import { lockRoleForUse } from "@/lib/roles/lock-role";

export type CreatedUser = { id: string; email: string; name: string; role: string };

type NewUser = { email: string; name: string; role: string; passwordHash: string };

/** The one place a user row is created, with its audit row, inside the caller's transaction. */
export async function insertUser(tx: Transaction, user: NewUser, actor: AuditActor, method: "password" | "link"): Promise<CreatedUser> {
  await lockRoleForUse(tx, user.role);
  const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, user.email));
  if (existing) throw new AppError("CONFLICT", `A user with the e-mail ${user.email} already exists`);
  const [created] = await tx
    .insert(users)
    .values({ email: user.email, name: user.name, passwordHash: user.passwordHash, roleKey: user.role })
    .returning({ id: users.id, email: users.email, name: users.name, role: users.roleKey });
  if (!created) throw new AppError("INTERNAL", "The user was not created");
  await appendAudit(tx, { actor, action: "user.create", targetType: "user", targetId: created.id, details: { role: created.role, method } });
  return created;
}
