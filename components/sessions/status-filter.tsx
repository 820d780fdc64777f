import Link from "next/link";
import { STATUS_LABELS } from "@/components/ui/status-badge";
import { sessionListHref, type SessionListQuery } from "@/lib/sessions/list-query";
import { countTitle, formatCount, type ListCount } from "@/lib/sessions/counts";
import { COMMON_STATUSES, type CommonStatus } from "@/lib/sessions/status";

type Props = { query: SessionListQuery; counts: Record<CommonStatus, ListCount>; total: ListCount };

/** One status at a time, keeping the other filters; several at once go through the filter form. */
export function StatusFilter({ query, counts, total }: Props) {
  const chip = (selected: boolean) =>
    `rounded-full border px-3 py-1 text-sm ${selected ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white hover:bg-slate-50"}`;
  const hrefFor = (statuses: CommonStatus[]) => sessionListHref({ ...query, statuses, cursor: null });
  const all = query.statuses.length === 0;
  return (
    <nav aria-label="Filter by status" className="flex flex-wrap gap-2">
      <Link href={hrefFor([])} className={chip(all)} aria-current={all ? "page" : undefined}>
        All{" "}
        <span className="opacity-70" title={countTitle(total)}>
          {formatCount(total)}
        </span>
      </Link>
      {COMMON_STATUSES.map((status) => {
        const selected = query.statuses.includes(status);
        return (
          <Link key={status} href={hrefFor([status])} className={chip(selected)} aria-current={selected ? "page" : undefined}>
            {STATUS_LABELS[status]}{" "}
            <span className="opacity-70" title={countTitle(counts[status])}>
              {formatCount(counts[status])}
            </span>
          </Link>
        );
      })}
    </nav>
  );
}
