"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { getDb } from "@/lib/db";
import { createUserAsAdmin } from "@/lib/users/admin-create-user";
import { changeUserRole } from "@/lib/users/change-role";
import { issueSetPasswordLink } from "@/lib/users/issue-link";
import { AdminCreateUserInput, ChangeRoleInput, UserIdInput } from "@/lib/users/schemas";
import { deactivateUser, reactivateUser } from "@/lib/users/set-active";
import type { CreatedUserDTO, SetPasswordLinkDTO } from "@/lib/users/types";
import { setPasswordUrl } from "./set-password-url";

const refresh = () => {
  revalidatePath("/admin/users");
  revalidatePath("/admin");
};

export const createUserAction = defineAction({
  input: AdminCreateUserInput,
  permission: "users:manage",
  run: async (input, viewer): Promise<CreatedUserDTO> => {
    const { user, setPasswordLink: link } = await createUserAsAdmin({ db: await getDb(), viewer }, input);
    refresh();
    return { id: user.id, email: user.email, setPasswordLink: link ? { url: await setPasswordUrl(link.token), expiresAt: link.expiresAt } : null };
  },
});

export const issueSetPasswordLinkAction = defineAction({
  input: UserIdInput,
  permission: "users:manage",
  run: async (input, viewer): Promise<SetPasswordLinkDTO> => {
    const link = await issueSetPasswordLink({ db: await getDb(), viewer }, input);
    refresh();
    return { url: await setPasswordUrl(link.token), expiresAt: link.expiresAt };
  },
});

export const changeUserRoleAction = defineAction({
  input: ChangeRoleInput,
  permission: "users:manage",
  run: async (input, viewer) => {
    const result = await changeUserRole({ db: await getDb(), viewer }, input);
    refresh();
    return result;
  },
});

export const deactivateUserAction = defineAction({
  input: UserIdInput,
  permission: "users:manage",
  run: async (input, viewer) => {
    const result = await deactivateUser({ db: await getDb(), viewer }, input);
    refresh();
    return result;
  },
});

export const reactivateUserAction = defineAction({
  input: UserIdInput,
  permission: "users:manage",
  run: async (input, viewer) => {
    const result = await reactivateUser({ db: await getDb(), viewer }, input);
    refresh();
    return result;
  },
});
