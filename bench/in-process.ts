/**
 * The part of a data set's run that opens the database itself (PGlite allows one process, so
 * this happens before the server starts): seed (or grow) the data, time the page queries raw,
 * and on the full step the list and queue query matrix and the decisions.
 */
import { performance } from "node:perf_hooks";
import { randomUUID } from "node:crypto";
import type { DatabaseHandle } from "@/db/client";
import { createUser } from "@/lib/users/create-user";
import type { BenchDatabase } from "./database";
import { benchDecisions, type DecisionResult } from "./decision";
import type { BenchOptions } from "./options";
import { adminViewer, benchPageQueries, type PageQuery } from "./page-queries";
import { benchQueries, type QueryResult } from "./queries";
import { seedClaims, seedQueueChecks, seedSessions } from "./seed";
import { sqlSession, type SqlSession } from "./sql";
import { seconds } from "./stats";

export type Login = { id: string; email: string; password: string };
/** The users the data set was given when it was first seeded; a growth step keeps them. */
export type Desk = { admin: Login; reviewers: string[] };
/** `from`…`to`: the session rows this step seeds; `full`: the whole matrix, not only the pages. */
export type Step = { from: number; to: number; full: boolean; desk: Desk | null };
export type InProcessResult = {
  sessions: number;
  seedSeconds: number;
  dbSize: string;
  pageQueries: PageQuery[];
  queries: QueryResult[] | null;
  decisions: DecisionResult | null;
  desk: Desk;
  sampleSessionId: string;
};

async function createDesk(handle: DatabaseHandle): Promise<Desk> {
  const actor = { id: null, label: "bench" };
  const login = { email: "bench-admin@bench.test", password: randomUUID() };
  const admin = await createUser({ db: handle.db, actor }, { ...login, name: "Bench Admin", role: "admin" });
  const reviewers = [];
  for (const name of ["Ана Рецензент", "李审核", "Rui Reviewer"]) {
    const user = await createUser({ db: handle.db, actor }, { email: `${randomUUID().slice(0, 8)}@bench.test`, name, role: "reviewer", password: randomUUID() });
    reviewers.push(user.id);
  }
  return { admin: { id: admin.id, ...login }, reviewers };
}

async function seed(database: BenchDatabase, handle: DatabaseHandle, sql: SqlSession, step: Step, log: (line: string) => void): Promise<Desk> {
  await sql.query(database.driver === "postgres" ? "set maintenance_work_mem = '1GB'" : "set maintenance_work_mem = '256MB'");
  if (database.driver === "postgres") await sql.query("set synchronous_commit = off");
  log(`Seeding sessions ${step.from.toLocaleString("en-US")}–${step.to.toLocaleString("en-US")} on ${database.driver}…`);
  await seedSessions(sql, step.from, step.to, log);
  const desk = step.desk ?? (await createDesk(handle));
  await seedQueueChecks(sql);
  await seedClaims(sql, desk.reviewers);
  await sql.query("vacuum analyze verification_sessions");
  await sql.query("vacuum analyze session_checks");
  await sql.query("analyze");
  return desk;
}

export async function inProcess(database: BenchDatabase, step: Step, opts: BenchOptions, log: (line: string) => void): Promise<InProcessResult> {
  const handle = await database.open();
  const sql = await sqlSession(handle);
  try {
    const t0 = performance.now();
    const desk = await seed(database, handle, sql, step, log);
    const seedSeconds = (performance.now() - t0) / 1000;
    const {
      rows: [size],
    } = await sql.query<{ size: string }>("select pg_size_pretty(pg_database_size(current_database())) size");
    log(`  seeded in ${seconds(t0)}; database ${size!.size}`);

    log(`Page queries at ${step.to.toLocaleString("en-US")} sessions (alone, then ${opts.connections} in flight)…`);
    const pageQueries = await benchPageQueries(handle, adminViewer(desk.admin.id, desk.admin.email), opts, log);

    let queries: QueryResult[] | null = null;
    let decisions: DecisionResult | null = null;
    if (step.full) {
      log(`List and queue queries (${opts.runs} runs each, interleaved with the raw SQL)…`);
      queries = await benchQueries(handle, sql, opts.runs, log);
      log(`Decision round trips (${opts.decisions})…`);
      decisions = await benchDecisions(handle, opts.decisions);
      const { decide, sandbox, overhead } = decisions;
      log(
        `  decideCase p95 ${decide.p95.toFixed(1)} ms · its own time p50 ${overhead.p50.toFixed(1)} / p95 ${overhead.p95.toFixed(1)} ms · sandbox call p95 ${sandbox.p95.toFixed(1)} ms`,
      );
    }

    const {
      rows: [sample],
    } = await sql.query<{ id: string }>(
      "select id from verification_sessions where status = 'marked_for_review' and assignee_id is null order by provider_created_at limit 1",
    );
    return { sessions: step.to, seedSeconds, dbSize: size!.size, pageQueries, queries, decisions, desk, sampleSessionId: sample!.id };
  } finally {
    sql.release();
    await handle.close();
  }
}
