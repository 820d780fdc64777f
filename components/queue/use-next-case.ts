"use client";

import { useRouter } from "next/navigation";
import { useServerAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/result";

export type NextCaseAction = (input: Record<string, never>) => Promise<ActionResult<{ sessionId: string | null }>>;

/** "Next case": claims the oldest unclaimed case (or the one you hold) and opens it. */
export function useNextCase(nextCase: NextCaseAction) {
  const router = useRouter();
  const { run, pending, error } = useServerAction(nextCase);
  const go = async () => {
    if (pending) return;
    const claimed = await run({});
    if (claimed?.sessionId) router.push(`/sessions/${claimed.sessionId}`);
    else if (claimed) router.push("/queue?empty=1");
  };
  return { go, pending, error };
}
