/**
 * A count shown to people. Counting every match of a search or a date range at a million rows
 * costs a scan, so such counts stop at COUNT_CAP and say so: `atLeast` means "n or more".
 * Pure and client-safe: components format counts with `formatCount`.
 */
export const COUNT_CAP = 1000;

export type ListCount = { n: number; atLeast: boolean };

export const exactCount = (n: number): ListCount => ({ n, atLeast: false });

/** Rows counted up to cap + 1: one more than the cap means there are more than shown. */
export const fromCapped = (counted: number, cap = COUNT_CAP): ListCount => (counted > cap ? { n: cap, atLeast: true } : { n: counted, atLeast: false });

/** A sum of counts is a lower bound as soon as any of them is. */
export const sumCounts = (counts: ListCount[]): ListCount => ({
  n: counts.reduce((sum, c) => sum + c.n, 0),
  atLeast: counts.some((c) => c.atLeast),
});

/** "1,234" or "1,000+": nothing claims an exact number that was not counted. */
export const formatCount = (count: ListCount) => `${count.n.toLocaleString("en-US")}${count.atLeast ? "+" : ""}`;

/** The tooltip of a capped count, so "1,000+" reads as "counting stopped", not as a number. */
export const countTitle = (count: ListCount) => (count.atLeast ? `Counted up to ${COUNT_CAP.toLocaleString("en-US")} for this search or date range` : undefined);
