/**
 * HTTP load with autocannon's programmatic API. Latencies are collected per response so that p95
 * is exact (autocannon's own histogram reports p90 and p97.5, not p95).
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { percentiles } from "./stats";

export type LoadResult = {
  label: string;
  path: string;
  rps: number;
  p50: number;
  p95: number;
  ok: number;
  failed: number;
  seconds: number;
  /** The server's own CPU time per answered request: unlike req/s, barely moved by other processes on the machine. */
  cpuMsPerRequest: number;
  /** 1-minute load average when the run ended (2 cores: above 2 means other processes competed). */
  loadAverage: number;
};

export type LoadOptions = {
  baseUrl: string;
  label: string;
  path: string;
  connections: number;
  /** Seconds; ignored when `requests` is given (then each request is sent once). */
  duration?: number;
  headers?: Record<string, string>;
  /** Distinct requests (e.g. signed webhooks), each sent exactly once. */
  requests?: { method: "POST"; body: Buffer; headers: Record<string, string> }[];
  /** The server process's CPU time so far (ms). */
  cpuMs?: () => number;
};

function fire(opts: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let spare = 0;
  const statuses = new Map<number, number>();
  const queue = opts.requests ? [...opts.requests] : null;
  const t0 = performance.now();
  const cpu0 = opts.cpuMs?.() ?? NaN;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${opts.baseUrl}${opts.path}`,
        connections: opts.connections,
        ...(queue ? { amount: queue.length } : { duration: opts.duration ?? 10 }),
        headers: opts.headers,
        timeout: 60,
        ...(queue
          ? {
              requests: [
                {
                  setupRequest: (request: autocannon.Request) => {
                    const next = queue.shift();
                    // Out of events (autocannon keeps connections busy until `amount` answers arrived).
                    if (!next) {
                      spare++;
                      return { ...request, method: "GET", path: "/api/health", body: undefined };
                    }
                    return { ...request, method: next.method, path: opts.path, body: next.body, headers: next.headers };
                  },
                },
              ],
            }
          : {}),
      },
      (error, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        const seconds = (performance.now() - t0) / 1000;
        failed += result.errors;
        const { p50, p95 } = percentiles(latencies);
        if (statuses.size > 0) console.log(`    ${opts.label}: non-2xx answers ${JSON.stringify(Object.fromEntries(statuses))}`);
        ok -= spare;
        const cpuMsPerRequest = ((opts.cpuMs?.() ?? NaN) - cpu0) / (ok + failed + spare);
        resolve({ label: opts.label, path: opts.path, rps: ok / seconds, p50, p95, ok, failed, seconds, cpuMsPerRequest, loadAverage: os.loadavg()[0]! });
      },
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) {
        ok++;
        latencies.push(responseTime);
      } else {
        failed++;
        statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
      }
    });
  });
}

/** A short unrecorded run first (JIT, caches, connection pools), then the measured one. */
export async function load(opts: LoadOptions): Promise<LoadResult> {
  if (!opts.requests) await fire({ ...opts, duration: 2 });
  return fire(opts);
}
