"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { getDb } from "@/lib/db";
import { requestJobRun } from "@/lib/jobs/request";

/** "Run now" and "Retry": the job is due at once, on whichever instance claims it first; audited (job.run_requested). */
export const requestJobRunAction = defineAction({
  input: z.object({ name: z.string({ error: "Unknown job" }).min(1, { error: "Unknown job" }).max(100, { error: "Unknown job" }) }),
  permission: "providers:manage",
  run: async ({ name }, viewer) => {
    // The record check: requestJobRun refuses a name with no job row (NOT_FOUND) and one that is running (CONFLICT).
    const result = await requestJobRun(await getDb(), { name, actor: { id: viewer.id, label: viewer.email } });
    revalidatePath("/admin/jobs");
    return result;
  },
});
