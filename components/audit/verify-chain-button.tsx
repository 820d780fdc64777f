"use client";

import { useState } from "react";
import { useServerAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/result";
import type { ChainCheckDTO } from "@/lib/audit/chain-types";
import { secondaryButtonClass, utcTime } from "./format";

type Props = { verify: (input: Record<string, never>) => Promise<ActionResult<ChainCheckDTO>> };

/** Walks the whole chain on the server; the answer is the same line `npm run audit:verify` prints. */
export function VerifyChainButton({ verify }: Props) {
  const { run, pending, error } = useServerAction(verify);
  const [result, setResult] = useState<ChainCheckDTO | null>(null);
  const onClick = async () => {
    setResult(null);
    const checked = await run({});
    if (checked) setResult(checked);
  };
  return (
    <div className="flex flex-wrap items-center gap-3 print:hidden">
      <button type="button" onClick={onClick} disabled={pending} className={secondaryButtonClass}>
        {pending ? "Verifying…" : "Verify chain"}
      </button>
      <p role="status" aria-live="polite" data-testid="chain-result" data-ok={result ? String(result.ok) : undefined} className="text-sm">
        {result ? (
          <span className={result.ok ? "text-emerald-800" : "font-medium text-rose-700"}>
            {result.message} <span className="text-slate-500">(checked {utcTime(result.checkedAt)})</span>
          </span>
        ) : null}
        {error ? <span className="text-rose-700">{error.message}</span> : null}
      </p>
    </div>
  );
}
