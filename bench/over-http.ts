/**
 * The part of a data set's run that goes through `next start`: server-rendered pages against a
 * data-free dynamic one (/login) and a static one, first-load JavaScript, signed webhooks (intake
 * and apply) against a bare route, and the server's memory once all of that load is over.
 */
import pg from "pg";
import type { BenchDatabase } from "./database";
import { appPages, firstLoadJs, type PageJs } from "./first-load-js";
import { load, type LoadResult } from "./http-load";
import type { Memory } from "./machine";
import type { Login } from "./in-process";
import { signIn, startBenchServer } from "./server";
import { benchWebhooks, type QueueProbe, type WebhookBench } from "./webhooks";

export type HttpResult = {
  pages: LoadResult[];
  webhooks: WebhookBench | null;
  js: PageJs[] | null;
  memory: { loaded: Memory | null; afterPages: Memory | null; afterLoad: Memory | null };
};

type Options = { port: number; sandboxPort: number; connections: number; duration: number; webhookEvents: number; measureJs: boolean; full: boolean };

const PAGES = [
  ["static page", "/bench-static"],
  // Dynamic, signed in, but reads no list data: the floor of any signed-in page (auth, viewer, render).
  ["dynamic page without data", "/login"],
  ["/sessions (first page)", "/sessions"],
  ["/queue", "/queue"],
] as const;

/** The queue depth straight from PostgreSQL (the bench is not the app; PGlite cannot be shared). */
async function queueProbe(database: BenchDatabase): Promise<{ probe: QueueProbe; close: () => Promise<void> } | null> {
  if (!database.databaseUrl) return null;
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  const probe = { queued: async () => (await client.query<{ n: number }>("select count(*)::int n from webhook_receipts where outcome = 'queued'")).rows[0]!.n };
  return { probe, close: () => client.end() };
}

export async function overHttp(database: BenchDatabase, admin: Login, sampleSessionId: string, opts: Options, log: (line: string) => void): Promise<HttpResult> {
  log(`Starting next start on :${opts.port} (${database.driver})…`);
  const server = await startBenchServer({ port: opts.port, sandboxPort: opts.sandboxPort, pgliteDir: database.pgliteDir, databaseUrl: database.databaseUrl });
  try {
    // signIn renders /sessions once, so "loaded" is the data set open and the list rendered.
    const cookie = await signIn(server.url, admin.email, admin.password);
    const loaded = server.memory();
    log(`  server pid ${server.pid}, RSS ${loaded?.rssMiB.toFixed(0)} MiB after sign-in and the first /sessions`);

    const pages: LoadResult[] = [];
    // The growth step measures only what the growth target compares, and its baseline.
    for (const [label, path] of PAGES.filter(([, path]) => opts.full || path !== "/bench-static")) {
      const result = await load({
        baseUrl: server.url,
        label,
        path,
        connections: opts.connections,
        duration: opts.duration,
        headers: { cookie },
        cpuMs: server.cpuMs,
      });
      pages.push(result);
      log(
        `  ${label} ${path}: ${result.rps.toFixed(1)} req/s, p50 ${result.p50.toFixed(0)} ms, p95 ${result.p95.toFixed(0)} ms, ${result.cpuMsPerRequest.toFixed(1)} ms server CPU each (${result.ok} ok, ${result.failed} failed, load ${result.loadAverage.toFixed(1)})`,
      );
    }
    const afterPages = server.memory();
    log(`  RSS ${afterPages?.rssMiB.toFixed(0)} MiB after the page load (peak ${afterPages?.peakMiB.toFixed(0)} MiB)`);
    if (!opts.full) return { pages, webhooks: null, js: null, memory: { loaded, afterPages, afterLoad: afterPages } };

    const js = opts.measureJs ? await firstLoadJs(server.url, cookie, appPages(sampleSessionId)) : null;
    for (const page of js ?? []) log(`  first-load JS ${page.path}: ${page.gzipKiB.toFixed(1)} KiB gzipped (${page.scripts} scripts, HTTP ${page.status})`);

    const watch = await queueProbe(database);
    let webhooks: WebhookBench;
    try {
      webhooks = await benchWebhooks({
        baseUrl: server.url,
        secret: server.credentials.didit.webhookSecret,
        count: opts.webhookEvents,
        connections: opts.connections,
        duration: opts.duration,
        seed: 7_000 + opts.port,
        cpuMs: server.cpuMs,
        probe: watch?.probe ?? null,
      });
    } finally {
      await watch?.close();
    }
    const { intake, bare, queuedAtIntakeEnd, drainedBy } = webhooks;
    log(
      `  webhook intake: ${intake.rps.toFixed(0)} answers/s (${intake.ok} ok, ${intake.failed} failed, p95 ${intake.p95.toFixed(0)} ms); ${queuedAtIntakeEnd ?? "?"} queued at the last answer; apply ended: ${drainedBy}; bare route ${bare.rps.toFixed(0)} req/s`,
    );
    const afterLoad = server.memory();
    log(`  RSS ${afterLoad?.rssMiB.toFixed(0)} MiB after all the load (peak ${afterLoad?.peakMiB.toFixed(0)} MiB)`);
    return { pages, webhooks, js, memory: { loaded, afterPages, afterLoad } };
  } finally {
    await server.stop();
  }
}
