import "server-only";
import { eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { roles } from "@/db/schema";
import { AppError } from "@/lib/errors";

/**
 * Reads the role a user is about to be given and holds a share lock on it until commit, so a
 * concurrent delete of that role waits for us and then sees the user (or we see it gone).
 */
export async function lockRoleForUse(tx: Transaction, key: string): Promise<{ key: string; name: string }> {
  const [role] = await tx.select({ key: roles.key, name: roles.name }).from(roles).where(eq(roles.key, key)).for("share");
  if (!role) throw new AppError("VALIDATION", `There is no role "${key}": choose one from the list.`);
  return role;
}
