import { z } from "zod";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-limits";

/** Input shapes shared by the server actions and the lib functions; pure, no server imports. */

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH };

export const PasswordField = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { error: `Use at least ${MIN_PASSWORD_LENGTH} characters` })
  .max(MAX_PASSWORD_LENGTH, { error: `Use at most ${MAX_PASSWORD_LENGTH} characters` });

export const EmailField = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid e-mail address" }));

export const NameField = z.string().trim().min(1, { error: "Enter a name" }).max(200, { error: "Use at most 200 characters" });

export const RoleKeyField = z.string().trim().min(1, { error: "Choose a role" }).max(60);

export const UserIdInput = z.object({ userId: z.uuid({ error: "Unknown user" }) });
export type UserIdInput = z.infer<typeof UserIdInput>;

/** An admin creates a user with a password they hand over, or with a one-time set-password link. */
export const AdminCreateUserInput = z.discriminatedUnion("method", [
  z.object({ method: z.literal("password"), email: EmailField, name: NameField, role: RoleKeyField, password: PasswordField }),
  z.object({ method: z.literal("link"), email: EmailField, name: NameField, role: RoleKeyField }),
]);
export type AdminCreateUserInput = z.input<typeof AdminCreateUserInput>;

export const ChangeRoleInput = z.object({ userId: z.uuid({ error: "Unknown user" }), role: RoleKeyField });
export type ChangeRoleInput = z.infer<typeof ChangeRoleInput>;

export const ChangeOwnPasswordInput = z
  .object({
    currentPassword: z.string().min(1, { error: "Enter your current password" }).max(MAX_PASSWORD_LENGTH),
    newPassword: PasswordField,
    confirmPassword: z.string(),
  })
  .refine((input) => input.newPassword === input.confirmPassword, { error: "The two new passwords differ", path: ["confirmPassword"] })
  .refine((input) => input.newPassword !== input.currentPassword, { error: "Choose a password different from the current one", path: ["newPassword"] });
export type ChangeOwnPasswordInput = z.infer<typeof ChangeOwnPasswordInput>;

export const SetPasswordInput = z
  .object({
    token: z.string().min(20, { error: "This link is incomplete: open it again from the message you received" }).max(200),
    password: PasswordField,
    confirmPassword: z.string(),
  })
  .refine((input) => input.password === input.confirmPassword, { error: "The two passwords differ", path: ["confirmPassword"] });
export type SetPasswordInput = z.infer<typeof SetPasswordInput>;
