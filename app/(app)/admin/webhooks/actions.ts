"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { getDb } from "@/lib/db";
import { retryOutboundDelivery } from "@/lib/outbound/retry";

export const retryOutboundDeliveryAction = defineAction({
  input: z.object({ id: z.uuid({ error: "Unknown delivery" }) }),
  permission: "providers:manage",
  run: async ({ id }, viewer) => {
    const result = await retryOutboundDelivery(await getDb(), { id, actor: { id: viewer.id, label: viewer.email } });
    revalidatePath("/admin/webhooks");
    return result;
  },
});
