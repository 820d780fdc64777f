"use server";

import { getDb } from "@/lib/db";
import { SetPasswordInput } from "@/lib/users/schemas";
import { definePublicAction } from "@/lib/users/self-service-action";
import { setPasswordWithLink } from "@/lib/users/set-password";

/** Public: the one-time token in the input is the only proof. Signs nobody in. */
export const setPasswordAction = definePublicAction({
  input: SetPasswordInput,
  run: async (input) => setPasswordWithLink(await getDb(), input),
});
