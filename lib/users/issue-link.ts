import "server-only";
import { and, eq, isNotNull } from "drizzle-orm";
import { setPasswordTokens } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { actorOf, assertCanManageUsers, validationError } from "./authorize";
import { lockUsersForChange } from "./lock-users";
import { UserIdInput } from "./schemas";
import { issueSetPasswordToken, type IssuedLink } from "./set-password-tokens";
import type { UsersContext } from "./context";

/**
 * A new one-time link for an existing user: the invitation again when they never chose a
 * password (the first link expired), else a reset. Earlier unused links stop working.
 */
export async function issueSetPasswordLink({ db, viewer, now = new Date() }: UsersContext, raw: UserIdInput): Promise<IssuedLink> {
  assertCanManageUsers(viewer);
  const parsed = UserIdInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { userId } = parsed.data;
  return db.transaction(async (tx) => {
    const { target } = await lockUsersForChange(tx, userId);
    if (!target.active) throw new AppError("CONFLICT", `${target.email} is deactivated. Reactivate the account first, then issue a link.`);
    const [used] = await tx
      .select({ id: setPasswordTokens.id })
      .from(setPasswordTokens)
      .where(and(eq(setPasswordTokens.userId, userId), isNotNull(setPasswordTokens.usedAt)))
      .limit(1);
    const [invited] = await tx
      .select({ id: setPasswordTokens.id })
      .from(setPasswordTokens)
      .where(and(eq(setPasswordTokens.userId, userId), eq(setPasswordTokens.purpose, "invite")))
      .limit(1);
    const purpose = invited && !used ? "invite" : "reset";
    return issueSetPasswordToken(tx, { userId, purpose, actor: actorOf(viewer), now });
  });
}
