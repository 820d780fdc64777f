import { parseArgs } from "node:util";

export type BenchOptions = {
  pgSessions: number;
  pgliteSessions: number;
  /** PostgreSQL pages are measured at this size first, then the data grows to pgSessions (0: no growth step). */
  pgGrowthFrom: number;
  /** Timed runs per query (after warm-ups), for p50/p95. */
  runs: number;
  /** Seconds of each HTTP load run. */
  duration: number;
  connections: number;
  webhookEvents: number;
  decisions: number;
  /** postgres:// URL of the server the bench creates its own database on. */
  pgUrl: string;
  pgDatabase: string;
  port: number;
  sandboxPort: number;
  /** Where the PGlite data set lives (removed before and after the run). */
  pgliteDir: string;
  skipPg: boolean;
  skipPglite: boolean;
  keep: boolean;
  out: string;
};

const HELP = `npm run bench -- [options]   (env: BENCH_PG_SESSIONS, BENCH_PGLITE_SESSIONS, BENCH_PG_URL, …)
  --pg-sessions N       sessions seeded on PostgreSQL (default 1000000)
  --pglite-sessions N   sessions seeded on PGlite (default 200000)
  --pg-growth-from N    PostgreSQL: measure the pages at N sessions first, then grow to --pg-sessions
                        and measure again (default 100000; 0 skips the growth step)
  --runs N              timed runs per query (default 40)
  --duration S          seconds per HTTP load run (default 10)
  --connections N       concurrent connections, HTTP and raw SQL alike (default 10)
  --webhook-events N    signed webhooks posted per data set (default 4000)
  --decisions N         decision round trips per data set (default 30)
  --pg-url URL          PostgreSQL server (default postgres://postgres@127.0.0.1:5432/test)
  --pg-database NAME    database created and dropped for the run (default verdict_bench)
  --pglite-dir DIR      PGlite data set directory (default data/bench/pglite)
  --port N / --sandbox-port N   (defaults 3300 / 4310)
  --skip-pg, --skip-pglite, --keep (keep the databases), --out FILE (default BENCHMARKS.md)`;

const int = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined || value === "") return fallback;
  const n = Number(value.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got "${value}"`);
  return n;
};

export function parseOptions(argv = process.argv.slice(2), env = process.env): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      "pg-sessions": { type: "string" },
      "pglite-sessions": { type: "string" },
      "pg-growth-from": { type: "string" },
      runs: { type: "string" },
      duration: { type: "string" },
      connections: { type: "string" },
      "webhook-events": { type: "string" },
      decisions: { type: "string" },
      "pg-url": { type: "string" },
      "pg-database": { type: "string" },
      port: { type: "string" },
      "sandbox-port": { type: "string" },
      "pglite-dir": { type: "string" },
      "skip-pg": { type: "boolean" },
      "skip-pglite": { type: "boolean" },
      keep: { type: "boolean" },
      out: { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const pick = (flag: keyof typeof values, envName: string) => (values[flag] as string | undefined) ?? env[envName];
  return {
    pgSessions: int(pick("pg-sessions", "BENCH_PG_SESSIONS"), 1_000_000, "pg-sessions"),
    pgliteSessions: int(pick("pglite-sessions", "BENCH_PGLITE_SESSIONS"), 200_000, "pglite-sessions"),
    pgGrowthFrom: int(pick("pg-growth-from", "BENCH_PG_GROWTH_FROM"), 100_000, "pg-growth-from"),
    runs: Math.max(5, int(pick("runs", "BENCH_RUNS"), 40, "runs")),
    duration: Math.max(2, int(pick("duration", "BENCH_DURATION"), 10, "duration")),
    connections: Math.max(1, int(pick("connections", "BENCH_CONNECTIONS"), 10, "connections")),
    webhookEvents: Math.max(100, int(pick("webhook-events", "BENCH_WEBHOOK_EVENTS"), 4000, "webhook-events")),
    decisions: Math.max(5, int(pick("decisions", "BENCH_DECISIONS"), 30, "decisions")),
    pgUrl: pick("pg-url", "BENCH_PG_URL") ?? "postgres://postgres@127.0.0.1:5432/test",
    pgDatabase: pick("pg-database", "BENCH_PG_DATABASE") ?? "verdict_bench",
    port: int(pick("port", "BENCH_PORT"), 3300, "port"),
    sandboxPort: int(pick("sandbox-port", "BENCH_SANDBOX_PORT"), 4310, "sandbox-port"),
    pgliteDir: pick("pglite-dir", "BENCH_PGLITE_DIR") ?? "data/bench/pglite",
    skipPg: Boolean(values["skip-pg"]),
    skipPglite: Boolean(values["skip-pglite"]),
    keep: Boolean(values.keep),
    out: values.out ?? "BENCHMARKS.md",
  };
}
