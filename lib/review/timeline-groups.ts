import type { TimelineEntryDTO } from "./case-types";

/** Claim rows that only say someone picked a case up or put it down again. */
const FOLDABLE = new Set(["claim", "release", "renew"]);

/** What a timeline entry needs for folding: its claim action, when it is a claim row. */
export type FoldableEntry = TimelineEntryDTO & { claimAction?: string };

const times = (count: number) => `${count} time${count === 1 ? "" : "s"}`;

function listOf(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

function groupSummary(run: FoldableEntry[]): string {
  const count = (action: string) => run.filter((entry) => entry.claimAction === action).length;
  const [claims, releases, renewals] = [count("claim"), count("release"), count("renew")];
  const parts =
    claims > 0 && claims === releases
      ? [`Claimed and released ${times(claims)}`]
      : [claims ? `Claimed ${times(claims)}` : "", releases ? `released ${times(releases)}` : ""].filter(Boolean);
  if (renewals) parts.push(`renewed ${times(renewals)}`);
  const sentence = parts.join(", ").replace(/^./u, (first) => first.toUpperCase());
  const actors = [...new Set(run.map((entry) => entry.actor).filter((actor): actor is string => Boolean(actor)))];
  return actors.length ? `${sentence} by ${listOf(actors)}` : sentence;
}

function strip({ claimAction: _action, ...entry }: FoldableEntry): TimelineEntryDTO {
  return entry;
}

function fold(run: FoldableEntry[]): TimelineEntryDTO {
  const last = run.at(-1)!;
  const actors = new Set(run.map((entry) => entry.actor));
  return {
    id: run[0]!.id,
    at: last.at,
    type: "claim",
    actor: actors.size === 1 ? last.actor : null,
    summary: groupSummary(run),
    entries: run.map(strip),
  };
}

/**
 * Folds each run of two or more consecutive claim / release / renew rows into one row that
 * counts them (a case picked up and put down six times is one fact, not twelve lines). Assign
 * and take-over rows stay on their own: they move a case between people. Oldest first, in and out.
 */
export function foldClaimRows(entries: FoldableEntry[]): TimelineEntryDTO[] {
  const out: TimelineEntryDTO[] = [];
  let run: FoldableEntry[] = [];
  const flush = () => {
    if (run.length >= 2) out.push(fold(run));
    else out.push(...run.map(strip));
    run = [];
  };
  for (const entry of entries) {
    if (entry.type === "claim" && FOLDABLE.has(entry.claimAction ?? "")) {
      run.push(entry);
      continue;
    }
    flush();
    out.push(strip(entry));
  }
  flush();
  return out;
}
