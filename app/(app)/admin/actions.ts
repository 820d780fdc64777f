"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { AppError } from "@/lib/errors";
import { getProviderAdapter } from "@/lib/providers/registry";
import { PROVIDER_IDS } from "@/lib/providers/types";
import { startProviderSync } from "@/lib/sync/schedule";

export const syncProviderAction = defineAction({
  input: z.object({ provider: z.enum(PROVIDER_IDS) }),
  permission: "providers:manage",
  run: async ({ provider }, viewer) => {
    const adapter = getProviderAdapter(provider);
    if (!adapter) throw new AppError("NOT_FOUND", "That provider is not configured.");
    // The run itself is audited with this actor when it finishes (lib/sync/sync-provider.ts).
    if (!startProviderSync(adapter, { id: viewer.id, label: viewer.email })) {
      throw new AppError("CONFLICT", `${adapter.displayName} is already syncing or cannot list sessions.`);
    }
    return { started: true };
  },
});
