/**
 * A closed loop in this process: `connections` workers each run the same call again as soon as
 * the last one answered, for a number of seconds. It is the raw-SQL twin of an HTTP load run with
 * as many connections, so a page's p95 is compared with its query's p95 under the same concurrency.
 */
import { performance } from "node:perf_hooks";
import { percentiles, type Percentiles } from "./stats";

export type UnderLoad = Percentiles & { perSecond: number; connections: number };

async function loop(run: () => Promise<unknown>, until: number, sink: number[] | null): Promise<void> {
  while (performance.now() < until) {
    const t0 = performance.now();
    await run();
    sink?.push(performance.now() - t0);
  }
}

export async function underLoad(run: () => Promise<unknown>, connections: number, seconds: number, warmupSeconds = 1): Promise<UnderLoad> {
  const workers = (until: number, sink: number[] | null) => Promise.all(Array.from({ length: connections }, () => loop(run, until, sink)));
  await workers(performance.now() + warmupSeconds * 1000, null);
  const latencies: number[] = [];
  const t0 = performance.now();
  await workers(t0 + seconds * 1000, latencies);
  const elapsed = (performance.now() - t0) / 1000;
  return { ...percentiles(latencies), perSecond: latencies.length / elapsed, connections };
}
