/**
 * `npm run bench`: seeds PostgreSQL (1,000,000 sessions) and PGlite (200,000), measures queries,
 * decisions, pages, webhooks, JavaScript and memory against their targets, prints the tables and
 * writes them into BENCHMARKS.md. Not part of `npm test`; it asserts nothing.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { buildIfNeeded } from "@/scripts/stack";
import { freshPglite, freshPostgres, type BenchDatabase } from "./database";
import { inProcess } from "./in-process";
import { machineInfo } from "./machine";
import { parseOptions, type BenchOptions } from "./options";
import { overHttp } from "./over-http";
import { renderReport, type DatasetReport } from "./report";
import { writeReport } from "./report-file";

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

/** `next build` adds its dist dir's type folders to tsconfig.json's include; take ours out again. */
async function build(): Promise<void> {
  try {
    await buildIfNeeded();
  } finally {
    const distDir = process.env.NEXT_DIST_DIR!;
    const text = fs.readFileSync("tsconfig.json", "utf8");
    if (distDir !== ".next" && text.includes(`"${distDir}/`)) {
      const config = JSON.parse(text) as { include?: string[] };
      config.include = config.include?.filter((entry) => !entry.startsWith(`${distDir}/`));
      fs.writeFileSync("tsconfig.json", `${JSON.stringify(config, null, 2)}\n`);
    }
  }
}

async function dataset(database: BenchDatabase, sessions: number, opts: BenchOptions, measureJs: boolean): Promise<DatasetReport> {
  try {
    const local = await inProcess(database, sessions, opts.runs, opts.decisions, log);
    let http = null;
    try {
      http = await overHttp(database, local.admin, local.sampleSessionId, { ...opts, measureJs }, log);
    } catch (error) {
      console.error(`  the HTTP part failed on ${database.driver}:`, error);
      process.exitCode = 1;
    }
    return { driver: database.driver, sessions, local, http };
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
    datasets.push(await dataset(await freshPostgres(opts.pgUrl, opts.pgDatabase), opts.pgSessions, opts, true));
    write();
  }
  if (!opts.skipPglite) {
    datasets.push(await dataset(freshPglite("data/bench/pglite"), opts.pgliteSessions, opts, datasets.length === 0));
  }
  log(`\n${write()}\n\nWritten to ${opts.out}.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
