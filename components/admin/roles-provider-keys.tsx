import type { ProviderKeyDTO } from "@/lib/roles/types";

const ACTION_LABELS: Record<string, string> = {
  list: "List (sync)",
  get: "Read a session",
  approve: "Approve",
  decline: "Decline",
  resubmit: "Request resubmission",
  expire: "Expire",
  redact: "Delete / redact",
  media: "Document images",
};

function Cell({ offered, allowed }: { offered: boolean; allowed: boolean }) {
  if (!offered) return <span className="text-slate-500">not in the API</span>;
  if (!allowed) return <span className="font-medium text-amber-800">key may not</span>;
  return <span className="text-emerald-800">allowed</span>;
}

/** Per configured provider: which calls its API offers and which the configured key may make. */
export function RolesProviderKeys({ providers }: { providers: ProviderKeyDTO[] }) {
  if (providers.length === 0) return <p className="text-sm text-slate-600">No provider is configured.</p>;
  const actions = providers[0]?.actions.map((a) => a.action) ?? [];
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="provider-key-capabilities">
        <caption className="sr-only">Provider API calls and whether the configured key may make them</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2">Call</th>
            {providers.map((provider) => (
              <th key={provider.id} className="px-4 py-2">
                {provider.displayName}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {actions.map((action) => (
            <tr key={action}>
              <th scope="row" className="px-4 py-2 text-left font-medium">
                {ACTION_LABELS[action] ?? action}
              </th>
              {providers.map((provider) => {
                const entry = provider.actions.find((a) => a.action === action);
                return (
                  <td key={provider.id} className="px-4 py-2">
                    <Cell offered={entry?.offered ?? false} allowed={entry?.allowedByKey ?? false} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
