import Link from "next/link";
import { sessionListHref, type SessionListCursor, type SessionListQuery } from "@/lib/sessions/list-query";

type Props = { query: SessionListQuery; previous: SessionListCursor | null; next: SessionListCursor | null };

const linkClass = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50";
const disabledClass = "rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-400";

export function ListPagination({ query, previous, next }: Props) {
  if (!previous && !next) return null;
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-3">
      <div className="flex gap-2">
        {query.cursor ? (
          <Link href={sessionListHref({ ...query, cursor: null })} className={linkClass}>
            First page
          </Link>
        ) : null}
        {previous ? (
          <Link href={sessionListHref({ ...query, cursor: previous })} className={linkClass} rel="prev">
            Previous page
          </Link>
        ) : (
          <span className={disabledClass} aria-disabled="true">
            Previous page
          </span>
        )}
      </div>
      {next ? (
        <Link href={sessionListHref({ ...query, cursor: next })} className={linkClass} rel="next">
          Next page
        </Link>
      ) : (
        <span className={disabledClass} aria-disabled="true">
          Next page
        </span>
      )}
    </nav>
  );
}
