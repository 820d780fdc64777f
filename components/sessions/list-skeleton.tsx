/** Stands in for a long table while its rows stream: the page shell (title, navigation) is already usable. */
export function ListSkeleton({ label, rows = 8 }: { label: string; rows?: number }) {
  return (
    <div className="space-y-3" role="status" aria-live="polite" data-testid="list-skeleton">
      <span className="sr-only">Loading {label}…</span>
      <div className="h-4 w-64 animate-pulse rounded bg-slate-200" />
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="h-10 animate-pulse border-b border-slate-100 bg-slate-50 last:border-b-0" />
        ))}
      </div>
    </div>
  );
}
