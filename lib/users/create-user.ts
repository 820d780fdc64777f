import "server-only";
import { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { insertUser, type CreatedUser } from "./insert-user";
import { EmailField, NameField, PasswordField, RoleKeyField } from "./schemas";
import type { SystemContext } from "./context";

export { MIN_PASSWORD_LENGTH } from "./schemas";
export type { CreatedUser } from "./insert-user";

export const CreateUserInput = z.object({ email: EmailField, name: NameField, role: RoleKeyField, password: PasswordField });
export type CreateUserInput = z.input<typeof CreateUserInput>;

/** Creates a user with a known password (CLI, seeding, and the admin form's "password" method). */
export async function createUser({ db, actor }: SystemContext, raw: CreateUserInput): Promise<CreatedUser> {
  const parsed = CreateUserInput.safeParse(raw);
  if (!parsed.success) throw new AppError("VALIDATION", parsed.error.issues.map((i) => i.message).join("; "));
  const { password, ...input } = parsed.data;
  const passwordHash = await hashPassword(password);
  return db.transaction((tx) => insertUser(tx, { ...input, passwordHash }, actor, "password"));
}
