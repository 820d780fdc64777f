"use client";

import { useRouter } from "next/navigation";
import { useServerAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/result";

type Props = { nextCase: (input: Record<string, never>) => Promise<ActionResult<{ sessionId: string | null }>> };

export function NextCaseButton({ nextCase }: Props) {
  const router = useRouter();
  const { run, pending, error } = useServerAction(nextCase);
  return (
    <div className="flex items-center gap-3">
      <button
        type="button"
        disabled={pending}
        onClick={async () => {
          const result = await run({});
          if (result?.sessionId) router.push(`/sessions/${result.sessionId}`);
          else if (result) router.push("/queue?empty=1");
        }}
        className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60"
      >
        {pending ? "Claiming…" : "Next case"}
      </button>
      {error ? <span className="text-sm text-rose-800">{error.message}</span> : null}
    </div>
  );
}
