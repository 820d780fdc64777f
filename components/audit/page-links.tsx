import Link from "next/link";

type Props = { firstHref: string | null; previousHref: string | null; nextHref: string | null };

const linkClass = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50";
const disabledClass = "rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-400";

/** Keyset pages: first, newer and older. Hidden when everything fits on one page. */
export function PageLinks({ firstHref, previousHref, nextHref }: Props) {
  if (!previousHref && !nextHref) return null;
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-3 print:hidden">
      <div className="flex gap-2">
        {firstHref ? (
          <Link href={firstHref} className={linkClass}>
            Newest
          </Link>
        ) : null}
        {previousHref ? (
          <Link href={previousHref} className={linkClass} rel="prev">
            Newer
          </Link>
        ) : (
          <span className={disabledClass} aria-disabled="true">
            Newer
          </span>
        )}
      </div>
      {nextHref ? (
        <Link href={nextHref} className={linkClass} rel="next">
          Older
        </Link>
      ) : (
        <span className={disabledClass} aria-disabled="true">
          Older
        </span>
      )}
    </nav>
  );
}
