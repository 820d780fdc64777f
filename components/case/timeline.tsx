import type { TimelineEntryDTO } from "@/lib/review/case-types";

const time = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;

// Spans, not divs: a line also sits inside <summary>, which takes phrasing content only.
function Line({ entry }: { entry: TimelineEntryDTO }) {
  return (
    <>
      <span className="block text-xs text-slate-500">
        {time(entry.at)} UTC{entry.actor ? ` · ${entry.actor}` : ""}
      </span>
      <span className="block">
        <bdi>{entry.summary}</bdi>
        {entry.text ? (
          <>
            : “<bdi className="whitespace-pre-wrap break-words">{entry.text}</bdi>”
          </>
        ) : null}
      </span>
    </>
  );
}

/** Newest first. Runs of claims and releases arrive folded into one row that opens to show them. */
export function Timeline({ entries }: { entries: TimelineEntryDTO[] }) {
  if (entries.length === 0) return <p className="text-sm text-slate-500">Nothing has happened yet.</p>;
  return (
    <ol className="space-y-2 text-sm" data-testid="timeline">
      {[...entries].reverse().map((entry) => (
        <li key={entry.id} className="border-l-2 border-slate-200 pl-3" data-type={entry.type}>
          {entry.entries ? (
            <details data-testid="timeline-group">
              <summary className="cursor-pointer list-none">
                <Line entry={entry} />
              </summary>
              <ol className="mt-1 space-y-1 border-l border-dashed border-slate-200 pl-3 text-xs">
                {[...entry.entries].reverse().map((inner) => (
                  <li key={inner.id}>
                    <Line entry={inner} />
                  </li>
                ))}
              </ol>
            </details>
          ) : (
            <Line entry={entry} />
          )}
        </li>
      ))}
    </ol>
  );
}
