"use client";

import type { ActionError } from "@/components/ui/use-action";

type Props = { go: () => void; pending: boolean; error: ActionError | null };

/** The queue's "Next case" button; the n key (queue-shortcuts.tsx) does the same. */
export function NextCaseButton({ go, pending, error }: Props) {
  return (
    <div className="flex items-center gap-3">
      <button type="button" disabled={pending} onClick={go} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60">
        {pending ? "Claiming…" : "Next case"}
      </button>
      {error ? <span className="text-sm text-rose-800">{error.message}</span> : null}
    </div>
  );
}
