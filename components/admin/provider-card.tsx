import { ProviderQuarantine } from "./provider-quarantine";
import type { QuarantineGroup, ReplayAction } from "./provider-quarantine-types";
import { ACTIONS, type ProviderStatusRow } from "./provider-status-types";

type Props = {
  row: ProviderStatusRow;
  webhookUrl: string;
  syncing: boolean;
  onSync: () => void;
  quarantine: QuarantineGroup | undefined;
  replay: ReplayAction;
};

const time = (iso: string) => `${iso.replace("T", " ").slice(0, 19)} UTC`;

function SyncLine({ run }: { run: ProviderStatusRow["lastRun"] }) {
  if (!run) return <p className="text-slate-600">Not synced yet.</p>;
  if (run.state === "running") {
    return (
      <p className="text-sky-800" data-testid="sync-progress">
        Syncing… {run.fetched} read, {run.upserted} changed so far (started {time(run.startedAt)}).
      </p>
    );
  }
  return (
    <p className="text-slate-600">
      Last sync {run.state} ({run.trigger}) at {time(run.startedAt)}: {run.fetched} read, {run.upserted} changed.
      {run.error ? <span className="block text-rose-700">{run.error}</span> : null}
    </p>
  );
}

export function ProviderCard({ row, webhookUrl, syncing, onSync, quarantine, replay }: Props) {
  const running = row.lastRun?.state === "running";
  return (
    <li className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm" data-provider={row.provider}>
      <div className="flex items-center justify-between">
        <span className="font-medium">{row.displayName}</span>
        {row.canSync ? (
          <button type="button" onClick={onSync} disabled={syncing || running} className="rounded-md border border-slate-300 px-3 py-1 disabled:opacity-50">
            {running || syncing ? "Syncing…" : "Sync now"}
          </button>
        ) : (
          <span className="text-xs text-slate-500">Webhook-fed (no list API)</span>
        )}
      </div>
      {row.canSync ? <SyncLine run={row.lastRun} /> : null}
      <p className="text-slate-600">
        Webhook URL to register: <code className="break-all rounded bg-slate-100 px-1">{webhookUrl}</code>
        {row.webhookConfigured ? null : <span className="block text-amber-800">No webhook secret configured: events are refused.</span>}
      </p>
      <ProviderQuarantine group={quarantine} replay={replay} />
      <table className="w-full text-xs">
        <thead>
          <tr className="text-left text-slate-500">
            <th className="py-1 font-medium">Action</th>
            <th className="font-medium">Provider API</th>
            <th className="font-medium">Configured key</th>
          </tr>
        </thead>
        <tbody>
          {ACTIONS.map((action) => (
            <tr key={action} className="border-t border-slate-100">
              <td className="py-1 capitalize">{action}</td>
              <td>{row.capabilities.offered[action] ? "offered" : "—"}</td>
              <td>{!row.capabilities.offered[action] ? "—" : row.capabilities.allowedByKey[action] ? "allowed" : "not allowed"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </li>
  );
}
