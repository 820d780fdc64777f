"use server";

import { definePublicAction } from "@/lib/actions/define-action";
import { getDb } from "@/lib/db";
import { SetPasswordInput } from "@/lib/users/schemas";
import { setPasswordWithLink } from "@/lib/users/set-password";

/** Public: the one-time token in the input is the only proof. Signs nobody in. */
export const setPasswordAction = definePublicAction({
  input: SetPasswordInput,
  run: async (input) => setPasswordWithLink({ db: await getDb() }, input),
});
