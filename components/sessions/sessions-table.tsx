import Link from "next/link";
import { StatusBadge } from "@/components/ui/status-badge";
import type { SessionListItemDTO } from "@/lib/sessions/list-sessions";
import { formatAge, utcDateTime } from "./labels";
import { providerName } from "@/lib/sessions/provider-names";

export type SessionRow = SessionListItemDTO;

type Props = { rows: SessionRow[]; now: number };

export function SessionsTable({ rows, now }: Props) {
  if (rows.length === 0) {
    return <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-500">No sessions match.</p>;
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="sessions-table">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2">
              Applicant
            </th>
            <th scope="col" className="px-4 py-2">
              Provider
            </th>
            <th scope="col" className="px-4 py-2">
              Status
            </th>
            <th scope="col" className="px-4 py-2">
              Provider status
            </th>
            <th scope="col" className="px-4 py-2">
              Created
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr
              key={row.id}
              data-testid="session-row"
              data-status={row.status}
              data-provider={row.provider}
              data-provider-session-id={row.providerSessionId}
              className="hover:bg-slate-50"
            >
              <td className="px-4 py-2">
                <Link href={`/sessions/${row.id}`} className="font-medium text-slate-900 underline-offset-2 hover:underline">
                  {row.applicantName ? <bdi>{row.applicantName}</bdi> : <span className="italic text-slate-500">No name</span>}
                </Link>
                <div className="text-xs text-slate-500">
                  {row.applicantEmail ? <span dir="auto">{row.applicantEmail}</span> : null}
                  <span className="block font-mono">{row.providerSessionId}</span>
                </div>
              </td>
              <td className="px-4 py-2">{providerName(row.provider)}</td>
              <td className="px-4 py-2">
                <StatusBadge status={row.status} />
              </td>
              <td className="px-4 py-2 font-mono text-xs text-slate-600">{row.rawStatus}</td>
              <td className="px-4 py-2 whitespace-nowrap text-slate-600">
                {row.createdAt ? (
                  <>
                    <time dateTime={row.createdAt} className="block">
                      {formatAge(row.createdAt, now)}
                    </time>
                    <span className="text-xs text-slate-500">{utcDateTime.format(new Date(row.createdAt))} UTC</span>
                  </>
                ) : (
                  <span title="The provider gave no creation time">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
