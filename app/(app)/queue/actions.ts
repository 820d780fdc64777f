"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { getDb } from "@/lib/db";
import { claimNextCase } from "@/lib/review/claims";

/** "Next case": the oldest unclaimed review case, claimed atomically for the caller. */
export const nextCaseAction = defineAction({
  input: z.object({}).strict(),
  permission: "sessions:decide",
  run: async (_input, viewer) => ({ sessionId: await claimNextCase({ db: await getDb(), viewer }) }),
});
