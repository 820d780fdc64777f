/**
 * `npm run bench`: seeds PostgreSQL (100,000 sessions, pages measured, grown to 1,000,000) and
 * PGlite (200,000), measures queries, decisions, pages, webhooks, JavaScript and memory against
 * their targets, prints the tables and writes them into BENCHMARKS.md. Not part of `npm test`;
 * it asserts nothing.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { buildIfNeeded } from "@/scripts/stack";
import { freshPglite, freshPostgres, type BenchDatabase } from "./database";
import { applyRate, type ApplyRate } from "./apply-rate";
import { inProcess, type Desk, type InProcessResult } from "./in-process";
import { machineInfo } from "./machine";
import { parseOptions, type BenchOptions } from "./options";
import { overHttp, type HttpResult } from "./over-http";
import { renderReport, type DatasetReport } from "./report";
import { writeReport } from "./report-file";
import { sqlSession } from "./sql";
import type { WebhookBench } from "./webhooks";

const root = path.resolve(import.meta.dirname, "..");
const log = (line: string) => console.log(line);

async function postgresVersion(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>("show server_version");
    return `PostgreSQL ${rows[0]!.server_version.split(" ")[0]}`;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

type TsConfig = { include?: string[] };

/**
 * `next build` adds its dist dir's type folders to tsconfig.json's include (and reformats the file).
 * Put the file back as it was, unless someone else changed it meanwhile: then take out only ours.
 */
async function build(): Promise<void> {
  const before = fs.readFileSync("tsconfig.json", "utf8");
  try {
    await buildIfNeeded();
  } finally {
    const distDir = process.env.NEXT_DIST_DIR!;
    const now = fs.readFileSync("tsconfig.json", "utf8");
    if (distDir !== ".next" && now !== before) {
      const original = JSON.parse(before) as TsConfig;
      const config = JSON.parse(now) as TsConfig;
      config.include = config.include?.filter((entry) => !entry.startsWith(`${distDir}/`) || original.include?.includes(entry));
      const onlyOurs = JSON.stringify(config) === JSON.stringify(original);
      fs.writeFileSync("tsconfig.json", onlyOurs ? before : `${JSON.stringify(config, null, 2)}\n`);
    }
  }
}

/** Counted once the server has stopped: PGlite admits one process, and on PostgreSQL it changes nothing. */
async function readApply(database: BenchDatabase, webhooks: WebhookBench): Promise<ApplyRate> {
  const handle = await database.open();
  const sql = await sqlSession(handle);
  try {
    return await applyRate(sql.query, webhooks);
  } finally {
    sql.release();
    await handle.close();
  }
}

type Step = { local: InProcessResult; http: HttpResult | null; apply: ApplyRate | null };

/** Seeds up to each size in turn and measures; only the last step runs the whole matrix. */
async function dataset(database: BenchDatabase, sizes: number[], opts: BenchOptions, measureJs: boolean): Promise<DatasetReport> {
  try {
    const steps: Step[] = [];
    let desk: Desk | null = null;
    for (const [i, size] of sizes.entries()) {
      const full = i === sizes.length - 1;
      const local = await inProcess(database, { from: (sizes[i - 1] ?? 0) + 1, to: size, full, desk }, opts, log);
      desk = local.desk;
      let http: HttpResult | null = null;
      let apply: ApplyRate | null = null;
      try {
        http = await overHttp(database, desk.admin, local.sampleSessionId, { ...opts, measureJs: measureJs && full, full }, log);
        if (http.webhooks) {
          apply = await readApply(database, http.webhooks);
          log(
            `  webhook apply: ${apply.applied} of ${apply.events} events in ${apply.seconds.toFixed(1)} s = ${apply.perSecond.toFixed(0)} events/s (${apply.queued} still queued, ${apply.failed} failed)`,
          );
        }
      } catch (error) {
        console.error(`  the HTTP part failed on ${database.driver}:`, error);
        process.exitCode = 1;
      }
      steps.push({ local, http, apply });
    }
    const last = steps.at(-1)!;
    const growth = steps.length > 1 ? steps[0]! : null;
    return {
      driver: database.driver,
      sessions: last.local.sessions,
      ...last,
      growth: growth && { sessions: growth.local.sessions, local: growth.local, http: growth.http },
    };
  } finally {
    if (!opts.keep) await database.drop();
  }
}

async function main() {
  process.chdir(root);
  const opts = parseOptions();
  // A build of its own, so the bench never races the e2e or demo build in .next.
  process.env.NEXT_DIST_DIR ||= ".next-bench";
  // …which alone has the static baseline page, /bench-static (next.config.ts).
  process.env.NEXT_BENCH_PAGES = "1";
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  // decideCase reads the validated environment (lib/env.ts), which insists on a secret; the server gets its own.
  process.env.AUTH_SECRET ||= randomBytes(32).toString("base64url");
  const started = performance.now();
  const startedAt = new Date();
  const machine = machineInfo();
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;
  log(`${command}\n${machine.cpu} · ${machine.cores} cores · ${machine.ramGiB} GiB · Node ${machine.node} · load ${machine.loadAverage}`);
  await build();
  const pgVersion = opts.skipPg ? null : await postgresVersion(opts.pgUrl);
  const datasets: DatasetReport[] = [];
  const write = () => {
    const report = renderReport({
      command,
      startedAt,
      minutes: (performance.now() - started) / 60_000,
      machine,
      postgresVersion: pgVersion,
      connections: opts.connections,
      datasets,
    });
    writeReport(opts.out, report);
    return report;
  };
  if (!opts.skipPg) {
    const growth = opts.pgGrowthFrom > 0 && opts.pgGrowthFrom < opts.pgSessions;
    datasets.push(await dataset(await freshPostgres(opts.pgUrl, opts.pgDatabase), growth ? [opts.pgGrowthFrom, opts.pgSessions] : [opts.pgSessions], opts, true));
    write();
  }
  if (!opts.skipPglite) {
    datasets.push(await dataset(freshPglite(opts.pgliteDir), [opts.pgliteSessions], opts, datasets.length === 0));
  }
  log(`\n${write()}\n\nWritten to ${opts.out}.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
