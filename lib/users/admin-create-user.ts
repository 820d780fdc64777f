import "server-only";
import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { actorOf, assertCanManageUsers, validationError } from "./authorize";
import { insertUser, type CreatedUser } from "./insert-user";
import { AdminCreateUserInput } from "./schemas";
import { issueSetPasswordToken, type IssuedLink } from "./set-password-tokens";
import type { UsersContext } from "./context";

export type AdminCreatedUser = { user: CreatedUser; setPasswordLink: IssuedLink | null };

/**
 * With method "link" the account gets a random password nobody knows, and a one-time link
 * (24 h) with which the user chooses their own; the admin never learns it.
 */
export async function createUserAsAdmin({ db, viewer, now = new Date() }: UsersContext, raw: AdminCreateUserInput): Promise<AdminCreatedUser> {
  assertCanManageUsers(viewer);
  const parsed = AdminCreateUserInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const input = parsed.data;
  const password = input.method === "password" ? input.password : randomBytes(32).toString("base64url");
  const passwordHash = await hashPassword(password);
  const actor = actorOf(viewer);
  return db.transaction(async (tx) => {
    const user = await insertUser(tx, { email: input.email, name: input.name, role: input.role, passwordHash }, actor, input.method);
    if (input.method === "password") return { user, setPasswordLink: null };
    const setPasswordLink = await issueSetPasswordToken(tx, { userId: user.id, purpose: "invite", actor, now });
    return { user, setPasswordLink };
  });
}
