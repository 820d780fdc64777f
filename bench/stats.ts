import { performance } from "node:perf_hooks";

export type Percentiles = { p50: number; p95: number; n: number };

/** Nearest-rank percentiles of the samples (milliseconds). */
export function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), n: sorted.length };
}

export async function timed(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

/**
 * Times two ways of doing the same thing, interleaved (A, B, A, B, …) so that load from other
 * processes on this shared machine falls on both alike. Warm-ups are not counted. Fast queries
 * get more runs (until each side has taken `minMs`, up to 10 × `runs`) so p95 is not two samples.
 */
export async function compare(a: () => Promise<unknown>, b: () => Promise<unknown>, runs: number, warmups = 5, minMs = 1500) {
  for (let i = 0; i < warmups; i++) {
    await a();
    await b();
  }
  const as: number[] = [];
  const bs: number[] = [];
  let total = 0;
  for (let i = 0; i < runs * 10 && (i < runs || total < minMs); i++) {
    // Alternate which goes first, so neither always profits from the other's warm cache.
    if (i % 2 === 0) {
      as.push(await timed(a));
      bs.push(await timed(b));
    } else {
      bs.push(await timed(b));
      as.push(await timed(a));
    }
    total += Math.min(as.at(-1)!, bs.at(-1)!);
  }
  return { a: percentiles(as), b: percentiles(bs) };
}

export const ms = (value: number) => (Number.isFinite(value) ? (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)) : "–");
export const ratio = (value: number, base: number) => (base > 0 && Number.isFinite(value) ? value / base : NaN);
export const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : "–");
export const count = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : "–");
export const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
export const mark = (ok: boolean) => (ok ? "met" : "**missed**");
