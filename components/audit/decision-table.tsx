import Link from "next/link";
import type { DecisionHistoryItemDTO } from "@/lib/audit/decision-types";
import { Applicant, Comment, Reviewers } from "./decision-cells";
import { utcTime } from "./format";

type Props = { items: DecisionHistoryItemDTO[]; showSession?: boolean; empty?: string };

export function DecisionTable({ items, showSession = true, empty = "No decisions match these filters." }: Props) {
  if (items.length === 0) return <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-500">{empty}</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white print:overflow-visible print:border-0">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="decision-table">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">
              Decided (UTC)
            </th>
            {showSession ? (
              <th scope="col" className="px-3 py-2">
                Session
              </th>
            ) : null}
            <th scope="col" className="px-3 py-2">
              Decision and reason
            </th>
            <th scope="col" className="px-3 py-2">
              Comment
            </th>
            <th scope="col" className="px-3 py-2">
              Reviewers
            </th>
            <th scope="col" className="px-3 py-2">
              State
            </th>
            <th scope="col" className="px-3 py-2">
              Provider response
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {items.map((item) => (
            <tr key={item.id} data-testid="decision-row" data-decision-id={item.id} data-state={item.state} className="break-inside-avoid">
              <td className="whitespace-nowrap px-3 py-2 text-slate-600">{utcTime(item.decidedAt)}</td>
              {showSession ? (
                <td className="max-w-56 px-3 py-2">
                  <Applicant item={item} />
                  <span className="block text-xs text-slate-500">{item.providerName}</span>
                  <Link href={`/audit/sessions/${item.sessionId}`} className="font-mono text-xs break-all underline-offset-2 hover:underline">
                    {item.providerSessionId}
                  </Link>
                </td>
              ) : null}
              <td className="px-3 py-2">
                <span className="font-medium capitalize">{item.action}</span>
                {/* The reason in words; the code only where the catalogue no longer has it (the CSV keeps both). */}
                <span className="block text-xs text-slate-600" title={item.reasonCode} data-testid="decision-reason">
                  {item.reasonLabel ?? <code>{item.reasonCode}</code>}
                </span>
              </td>
              <td className="max-w-xs px-3 py-2">
                <Comment item={item} />
              </td>
              <td className="px-3 py-2">
                <Reviewers item={item} />
              </td>
              <td className="px-3 py-2 capitalize">{item.state}</td>
              <td className="max-w-xs px-3 py-2 text-xs break-words text-slate-700">{item.providerResponse}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
