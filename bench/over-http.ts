/**
 * The part of a data set's run that goes through `next start`: server-rendered pages against a
 * static one, first-load JavaScript, signed webhooks against a bare route, and the server's memory.
 */
import type { BenchDatabase } from "./database";
import { appPages, firstLoadJs, type PageJs } from "./first-load-js";
import { load, type LoadResult } from "./http-load";
import type { Memory } from "./machine";
import type { Login } from "./in-process";
import { signIn, startBenchServer } from "./server";
import { benchWebhooks, type WebhookBench } from "./webhooks";

export type HttpResult = {
  pages: LoadResult[];
  webhooks: WebhookBench;
  js: PageJs[] | null;
  memory: { loaded: Memory | null; afterPages: Memory | null; afterWebhooks: Memory | null };
};

type Options = { port: number; sandboxPort: number; connections: number; duration: number; webhookEvents: number; measureJs: boolean };

export async function overHttp(database: BenchDatabase, admin: Login, sampleSessionId: string, opts: Options, log: (line: string) => void): Promise<HttpResult> {
  log(`Starting next start on :${opts.port} (${database.driver})…`);
  const server = await startBenchServer({ port: opts.port, sandboxPort: opts.sandboxPort, pgliteDir: database.pgliteDir, databaseUrl: database.databaseUrl });
  try {
    // signIn renders /sessions once, so "loaded" is the data set open and the list rendered.
    const cookie = await signIn(server.url, admin.email, admin.password);
    const loaded = server.memory();
    log(`  server pid ${server.pid}, RSS ${loaded?.rssMiB.toFixed(0)} MiB after sign-in and the first /sessions`);

    const pages: LoadResult[] = [];
    const targets = [
      ["static page", "/bench-static"],
      // Dynamic, but reads no list data: the floor of any signed-in page (auth, viewer, render).
      ["dynamic page without data (/login)", "/login"],
      ["/sessions (first page)", "/sessions"],
      ["/queue (oldest 200)", "/queue"],
    ] as const;
    for (const [label, path] of targets) {
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
        `  ${label}: ${result.rps.toFixed(1)} req/s, p50 ${result.p50.toFixed(0)} ms, p95 ${result.p95.toFixed(0)} ms, ${result.cpuMsPerRequest.toFixed(1)} ms server CPU each (${result.ok} ok, ${result.failed} failed, load ${result.loadAverage.toFixed(1)})`,
      );
    }
    const afterPages = server.memory();
    log(`  RSS ${afterPages?.rssMiB.toFixed(0)} MiB after the page load (peak ${afterPages?.peakMiB.toFixed(0)} MiB)`);

    const js = opts.measureJs ? await firstLoadJs(server.url, cookie, appPages(sampleSessionId)) : null;
    for (const page of js ?? []) log(`  first-load JS ${page.path}: ${page.gzipKiB.toFixed(1)} KiB gzipped (${page.scripts} scripts, HTTP ${page.status})`);

    const webhooks = await benchWebhooks({
      baseUrl: server.url,
      secret: server.credentials.didit.webhookSecret,
      count: opts.webhookEvents,
      connections: opts.connections,
      duration: opts.duration,
      seed: 7_000 + opts.port,
      cpuMs: server.cpuMs,
    });
    log(
      `  webhooks: ${webhooks.events.rps.toFixed(0)} events/s (${webhooks.events.ok} applied, ${webhooks.events.failed} failed, p95 ${webhooks.events.p95.toFixed(0)} ms); bare route ${webhooks.bare.rps.toFixed(0)} req/s`,
    );
    const afterWebhooks = server.memory();
    return { pages, webhooks, js, memory: { loaded, afterPages, afterWebhooks } };
  } finally {
    await server.stop();
  }
}
