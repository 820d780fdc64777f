"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { getDb } from "@/lib/db";
import { createRole } from "@/lib/roles/create-role";
import { deleteRole } from "@/lib/roles/delete-role";
import { CreateRoleInput, DeleteRoleInput, UpdateRoleInput } from "@/lib/roles/schemas";
import { updateRole } from "@/lib/roles/update-role";

const refresh = () => {
  revalidatePath("/admin/roles");
  revalidatePath("/admin/users");
};

export const createRoleAction = defineAction({
  input: CreateRoleInput,
  permission: "users:manage",
  run: async (input, viewer) => {
    const result = await createRole(await getDb(), viewer, input);
    refresh();
    return result;
  },
});

export const updateRoleAction = defineAction({
  input: UpdateRoleInput,
  permission: "users:manage",
  run: async (input, viewer) => {
    const result = await updateRole(await getDb(), viewer, input);
    refresh();
    return result;
  },
});

export const deleteRoleAction = defineAction({
  input: DeleteRoleInput,
  permission: "users:manage",
  run: async (input, viewer) => {
    const result = await deleteRole(await getDb(), viewer, input);
    refresh();
    return result;
  },
});
