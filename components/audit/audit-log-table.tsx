import Link from "next/link";
import type { AuditRowDTO } from "@/lib/audit/log-types";
import { utcTime } from "./format";

const HASH_PREFIX = 12;

function Target({ row }: { row: AuditRowDTO }) {
  if (!row.targetId) return <span className="text-slate-400">—</span>;
  const id = <code className="break-all text-xs">{row.targetId}</code>;
  return (
    <>
      <span className="block text-xs text-slate-500">{row.targetType}</span>
      {row.targetType === "session" ? (
        <Link href={`/audit/sessions/${row.targetId}`} className="underline-offset-2 hover:underline">
          {id}
        </Link>
      ) : (
        id
      )}
    </>
  );
}

/** A row is chained by the sealer shortly after it commits; until then it has no hash to show. */
function HashCell({ hash }: { hash: string | null }) {
  if (!hash) {
    return (
      <span className="text-xs italic text-slate-400" data-testid="audit-hash-sealing" title="Committed; the sealer chains it shortly">
        sealing…
      </span>
    );
  }
  return (
    <code className="text-xs text-slate-500" title={hash}>
      {hash.slice(0, HASH_PREFIX)}
    </code>
  );
}

export function AuditLogTable({ rows, empty = "No audit rows match these filters." }: { rows: AuditRowDTO[]; empty?: string }) {
  if (rows.length === 0) return <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-500">{empty}</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white print:overflow-visible print:border-0">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="audit-log-table">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">
              Seq
            </th>
            <th scope="col" className="px-3 py-2">
              Time
            </th>
            <th scope="col" className="px-3 py-2">
              Actor
            </th>
            <th scope="col" className="px-3 py-2">
              Action
            </th>
            <th scope="col" className="px-3 py-2">
              Target
            </th>
            <th scope="col" className="px-3 py-2">
              Details
            </th>
            <th scope="col" className="px-3 py-2">
              Hash
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.map((row) => (
            <tr key={row.seq} data-testid="audit-row" data-seq={row.seq} data-action={row.action} className="break-inside-avoid">
              <td className="px-3 py-2 tabular-nums">{row.seq}</td>
              <td className="whitespace-nowrap px-3 py-2 text-slate-600">{utcTime(row.at)}</td>
              <td className="px-3 py-2">
                <bdi className="break-all">{row.actorLabel}</bdi>
              </td>
              <td className="px-3 py-2 font-mono text-xs">{row.action}</td>
              <td className="max-w-56 px-3 py-2">
                <Target row={row} />
              </td>
              <td className="max-w-md px-3 py-2">
                {row.details === "{}" ? <span className="text-slate-400">—</span> : <code className="break-all text-xs text-slate-700">{row.details}</code>}
              </td>
              <td className="px-3 py-2">
                <HashCell hash={row.hash} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
