"use server";

import { unstable_rethrow } from "next/navigation";
import { AuthError } from "next-auth";
import { defineAction } from "@/lib/actions/define-action";
import { signIn } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { changeOwnPassword } from "@/lib/users/change-own-password";
import { ChangeOwnPasswordInput } from "@/lib/users/schemas";

const PASSWORD_CHANGED_URL = "/account?password=changed";

/**
 * The change bumps the token version, which ends every session of the user, this one
 * included (the JWT carries the old version and cannot be edited in place safely). This
 * browser then gets a fresh session by signing in with the new password, the same path as
 * the sign-in form; if that fails (e.g. sign-in is throttled) the user is told to sign in.
 * Success redirects: Auth.js reads the request's headers, so only the redirected render sees
 * the new cookie; re-rendering this request would find the old session revoked.
 */
export const changeOwnPasswordAction = defineAction({
  input: ChangeOwnPasswordInput,
  // Any signed-in, active user: the service touches only the viewer's own account.
  permission: "self",
  run: async (input, viewer) => {
    const { email } = await changeOwnPassword({ db: await getDb(), viewer }, input);
    try {
      await signIn("credentials", { email, password: input.newPassword, redirectTo: PASSWORD_CHANGED_URL });
      return { stillSignedIn: true };
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof AuthError) return { stillSignedIn: false };
      throw error;
    }
  },
});
