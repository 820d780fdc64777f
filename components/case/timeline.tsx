import type { TimelineEntryDTO } from "@/lib/review/case-types";

const time = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;

export function Timeline({ entries }: { entries: TimelineEntryDTO[] }) {
  if (entries.length === 0) return <p className="text-sm text-slate-500">Nothing has happened yet.</p>;
  return (
    <ol className="space-y-2 text-sm" data-testid="timeline">
      {[...entries].reverse().map((entry) => (
        <li key={entry.id} className="border-l-2 border-slate-200 pl-3" data-type={entry.type}>
          <div className="text-xs text-slate-500">
            {time(entry.at)} UTC{entry.actor ? ` · ${entry.actor}` : ""}
          </div>
          <div>
            <bdi>{entry.summary}</bdi>
          </div>
        </li>
      ))}
    </ol>
  );
}
