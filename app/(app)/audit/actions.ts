"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { verifyAndRecordChain } from "@/lib/audit/chain-check";
import { getDb } from "@/lib/db";

export const verifyAuditChainAction = defineAction({
  input: z.object({}).strict(),
  permission: "audit:read",
  run: async (_input, viewer) => verifyAndRecordChain(await getDb(), { id: viewer.id, label: viewer.email }),
});
