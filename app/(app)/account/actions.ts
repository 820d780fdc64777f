"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { changeOwnPassword } from "@/lib/users/change-own-password";
import { ChangeOwnPasswordInput } from "@/lib/users/schemas";
import { defineSignedInAction } from "@/lib/users/self-service-action";

/**
 * The change bumps the token version, which ends every session of the user, this one
 * included (the JWT carries the old version and cannot be edited in place safely). This
 * browser then gets a fresh session by signing in with the new password, the same path as
 * the sign-in form; if that fails (e.g. sign-in is throttled) the user is told to sign in.
 */
export const changeOwnPasswordAction = defineSignedInAction({
  input: ChangeOwnPasswordInput,
  run: async (input, viewer) => {
    const { email } = await changeOwnPassword(await getDb(), viewer, input);
    try {
      await signIn("credentials", { email, password: input.newPassword, redirect: false });
      return { stillSignedIn: true };
    } catch (error) {
      if (error instanceof AuthError) return { stillSignedIn: false };
      throw error;
    }
  },
});
