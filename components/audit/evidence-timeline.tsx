import type { EvidenceTimelineEntryDTO } from "@/lib/audit/evidence-types";
import { utcTime } from "./format";

/** Oldest first: evidence reads as a chronology. */
export function EvidenceTimeline({ entries }: { entries: EvidenceTimelineEntryDTO[] }) {
  if (entries.length === 0) return <p className="text-sm text-slate-500">No timeline entries.</p>;
  return (
    <ol className="space-y-1.5 text-sm" data-testid="evidence-timeline">
      {entries.map((entry) => (
        <li key={entry.id} className="grid grid-cols-[11rem_1fr] gap-3 break-inside-avoid" data-type={entry.type}>
          <span className="text-xs whitespace-nowrap text-slate-500">{utcTime(entry.at)}</span>
          <span>
            <bdi>{entry.summary}</bdi>
            {entry.actor ? <span className="text-slate-500"> · {entry.actor}</span> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}
