import Link from "next/link";
import type { QueueItemDTO } from "@/lib/review/queue";
import { REVIEW_SLA_HOURS } from "@/lib/review/queue-filters";
import { providerName } from "@/lib/sessions/provider-names";

export type QueueRow = QueueItemDTO;

export function age(iso: string | null, now: number): string {
  if (!iso) return "—";
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} d`;
}

type Props = { rows: QueueRow[]; now: number; oldestOverdueId: string | null; filtered: boolean };

export function QueueTable({ rows, now, oldestOverdueId, filtered }: Props) {
  if (rows.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-500">
        {filtered ? "No case in the queue matches these filters." : "The queue is empty."}
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="queue-table">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2">Age</th>
            <th className="px-4 py-2">Applicant</th>
            <th className="px-4 py-2">Provider</th>
            <th className="px-4 py-2">Risk signals</th>
            <th className="px-4 py-2">Held by</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const oldest = row.id === oldestOverdueId;
            return (
              <tr
                key={row.id}
                data-testid="queue-row"
                data-session-id={row.id}
                data-provider-session-id={row.providerSessionId}
                data-overdue={row.overdue}
                data-oldest-overdue={oldest || undefined}
                // The focused row is the one j / k selected: it shows like a selection.
                className={`focus-within:bg-sky-50 focus-within:outline focus-within:outline-2 focus-within:outline-sky-600 ${oldest ? "bg-rose-50" : ""}`}
              >
                <td
                  className={`whitespace-nowrap px-4 py-2 ${row.overdue ? "font-medium text-rose-800" : "text-slate-600"}`}
                  title={row.overdue ? `Waiting longer than the ${REVIEW_SLA_HOURS}-hour review target` : undefined}
                >
                  {age(row.createdAt, now)}
                  {oldest ? (
                    <span data-testid="oldest-overdue-badge" className="ml-2 rounded bg-rose-700 px-1.5 py-0.5 text-xs font-semibold text-white">
                      Oldest overdue
                    </span>
                  ) : row.overdue ? (
                    <span className="sr-only"> (overdue)</span>
                  ) : null}
                </td>
                <td className="px-4 py-2">
                  <Link href={`/sessions/${row.id}`} className="font-medium underline-offset-2 hover:underline focus:underline focus:outline-none">
                    <bdi>{row.applicantName ?? "—"}</bdi>
                  </Link>
                </td>
                <td className="px-4 py-2">
                  <span>{providerName(row.provider)}</span> <span className="font-mono text-xs text-slate-500">{row.rawStatus}</span>
                </td>
                <td className="px-4 py-2">
                  <div className="flex flex-wrap gap-1">
                    {row.failedChecks ? <span className="rounded bg-rose-100 px-1.5 text-xs text-rose-900">{row.failedChecks} failed</span> : null}
                    {row.riskCodes.map((code) => (
                      <code key={code} className="rounded bg-slate-100 px-1 text-xs">
                        {code}
                      </code>
                    ))}
                  </div>
                </td>
                <td className="px-4 py-2 text-slate-600" data-testid="queue-holder">
                  {row.claim ? `${row.claim.holderName} (until ${row.claim.expiresAt.slice(11, 16)} UTC)` : "—"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
