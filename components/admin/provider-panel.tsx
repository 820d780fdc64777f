"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ActionResult } from "@/lib/actions/result";
import type { ProviderStatusRow } from "./provider-status-types";
import { ProviderCard } from "./provider-card";
import type { QuarantineOverview, ReplayAction } from "./provider-quarantine-types";

type Props = {
  initial: ProviderStatusRow[];
  origin: string;
  syncNow: (input: { provider: string }) => Promise<ActionResult<{ started: boolean }>>;
  /** Server-rendered: re-read with the page (router.refresh) after a replay, not polled. */
  quarantine: QuarantineOverview;
  replay: ReplayAction;
};

const QUERY_KEY = ["admin", "providers"];

async function fetchProviders(): Promise<ProviderStatusRow[]> {
  const response = await fetch("/api/admin/providers", { cache: "no-store" });
  if (!response.ok) throw new Error(`Could not load provider status (HTTP ${response.status})`);
  return (await response.json()) as ProviderStatusRow[];
}

/** Provider health with live sync progress: polls while any sync is running. */
export function ProviderPanel({ initial, origin, syncNow, quarantine, replay }: Props) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: QUERY_KEY,
    queryFn: fetchProviders,
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.some((p) => p.lastRun?.state === "running") ? 1_000 : 15_000),
  });
  const sync = useMutation({
    mutationFn: async (provider: string) => {
      const result = await syncNow({ provider });
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: QUERY_KEY }),
  });
  if (query.data.length === 0) {
    return <p className="text-sm text-slate-600">No provider is configured. Set its credentials (see README).</p>;
  }
  return (
    <div className="space-y-3">
      {sync.error ? (
        <p role="status" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {sync.error.message}
        </p>
      ) : null}
      {query.error ? <p className="text-sm text-amber-800">{query.error.message} — showing the last known state.</p> : null}
      <ul className="grid gap-3 lg:grid-cols-2" data-testid="provider-status">
        {query.data.map((row) => (
          <ProviderCard
            key={row.provider}
            row={row}
            webhookUrl={`${origin}${row.webhookPath}`}
            syncing={sync.isPending && sync.variables === row.provider}
            onSync={() => sync.mutate(row.provider)}
            quarantine={quarantine[row.provider]}
            replay={replay}
          />
        ))}
      </ul>
    </div>
  );
}
