"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useServerAction } from "@/components/ui/use-action";
import type { QuarantineGroup, ReplayAction, ReplayOutcome } from "./provider-quarantine-types";

type Props = { group: QuarantineGroup | undefined; replay: ReplayAction };

const time = (iso: string) => `${iso.replace("T", " ").slice(0, 19)} UTC`;
const bytes = (n: number) => (n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KiB`);

/**
 * Authentic webhooks Verdict could not read or apply, kept for replay. Each row re-runs the
 * parser on the stored body; the page is then re-read, so a replayed row leaves the list.
 */
export function ProviderQuarantine({ group, replay }: Props) {
  const router = useRouter();
  const { run, pending, error } = useServerAction(replay);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [told, setTold] = useState<ReplayOutcome | null>(null);

  const onReplay = async (id: string) => {
    setBusyId(id);
    setTold(null);
    const outcome = await run({ id });
    setBusyId(null);
    if (outcome) setTold(outcome);
    router.refresh();
  };

  if (!group || group.total === 0) {
    return (
      <p className="text-slate-600" data-testid="quarantine-empty">
        No quarantined webhooks.
      </p>
    );
  }
  return (
    <div className="space-y-2" data-testid="quarantine">
      <p className="font-medium text-amber-900">
        {group.total} quarantined webhook{group.total === 1 ? "" : "s"}: authentic, but Verdict could not process {group.total === 1 ? "it" : "them"}.
        {group.total > group.rows.length ? ` Newest ${group.rows.length} shown.` : null}
      </p>
      {told ? (
        <p role="status" data-testid="replay-outcome" data-result={told.result} className={told.result === "still_failing" ? "text-rose-700" : "text-emerald-800"}>
          {told.message}
        </p>
      ) : null}
      {error ? (
        <p role="status" data-testid="replay-outcome" data-result="error" className="text-rose-700">
          {error.message}
        </p>
      ) : null}
      <ul className="space-y-2">
        {group.rows.map((row) => (
          <li key={row.id} data-testid="quarantined-webhook" data-id={row.id} className="space-y-1 rounded border border-amber-200 bg-amber-50 p-2 text-xs">
            <div className="flex items-start justify-between gap-2">
              <span>
                Received {time(row.receivedAt)}
                {row.attempts > 1 ? `, last ${time(row.lastReceivedAt)}` : ""} · <span data-testid="quarantine-attempts">{row.attempts}</span>{" "}
                {row.attempts === 1 ? "delivery" : "deliveries"} · {bytes(row.size)}
              </span>
              <button
                type="button"
                onClick={() => void onReplay(row.id)}
                disabled={pending}
                className="whitespace-nowrap rounded-md border border-slate-300 bg-white px-2 py-0.5 disabled:opacity-50"
              >
                {busyId === row.id ? "Replaying…" : "Replay"}
                <span className="sr-only">: webhook received {time(row.receivedAt)}</span>
              </button>
            </div>
            <p className="break-words text-rose-800" data-testid="quarantine-error">
              {row.error}
            </p>
            <p className="text-slate-600">
              Body: {row.shape}
              {row.sessionKnown ? " · names a known session" : ""}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
