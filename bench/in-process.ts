/**
 * The part of a data set's run that opens the database itself (PGlite allows one process, so
 * this happens before the server starts): seed, time the list and queue queries, time decisions.
 */
import { performance } from "node:perf_hooks";
import { randomUUID } from "node:crypto";
import type { DatabaseHandle } from "@/db/client";
import { createUser } from "@/lib/users/create-user";
import type { BenchDatabase } from "./database";
import { benchDecisions, type DecisionResult } from "./decision";
import { benchQueries, type QueryResult } from "./queries";
import { seedClaims, seedQueueChecks, seedSessions } from "./seed";
import { sqlSession } from "./sql";
import { seconds } from "./stats";

export type Login = { email: string; password: string };
export type InProcessResult = { seedSeconds: number; dbSize: string; queries: QueryResult[]; decisions: DecisionResult; admin: Login; sampleSessionId: string };

async function createUsers(handle: DatabaseHandle) {
  const actor = { id: null, label: "bench" };
  const admin = { email: "bench-admin@bench.test", password: randomUUID() };
  await createUser({ db: handle.db, actor }, { ...admin, name: "Bench Admin", role: "admin" });
  const reviewers = [];
  for (const name of ["Ана Рецензент", "李审核", "Rui Reviewer"]) {
    const user = await createUser({ db: handle.db, actor }, { email: `${randomUUID().slice(0, 8)}@bench.test`, name, role: "reviewer", password: randomUUID() });
    reviewers.push(user.id);
  }
  return { admin, reviewers };
}

export async function inProcess(database: BenchDatabase, sessions: number, runs: number, decisions: number, log: (line: string) => void): Promise<InProcessResult> {
  const handle = await database.open();
  const sql = await sqlSession(handle);
  try {
    const t0 = performance.now();
    await sql.query(database.driver === "postgres" ? "set maintenance_work_mem = '1GB'" : "set maintenance_work_mem = '256MB'");
    if (database.driver === "postgres") await sql.query("set synchronous_commit = off");
    log(`Seeding ${sessions.toLocaleString("en-US")} sessions on ${database.driver}…`);
    await seedSessions(sql, sessions, log);
    const { admin, reviewers } = await createUsers(handle);
    await seedQueueChecks(sql);
    await seedClaims(sql, reviewers);
    await sql.query("vacuum analyze verification_sessions");
    await sql.query("vacuum analyze session_checks");
    await sql.query("analyze");
    const seedSeconds = (performance.now() - t0) / 1000;
    const {
      rows: [size],
    } = await sql.query<{ size: string }>("select pg_size_pretty(pg_database_size(current_database())) size");
    log(`  seeded in ${seconds(t0)}; database ${size!.size}`);

    log(`List and queue queries (${runs} runs each, interleaved with the raw SQL)…`);
    const queries = await benchQueries(handle, sql, runs, log);

    log(`Decision round trips (${decisions})…`);
    const decisionResult = await benchDecisions(handle, decisions);
    log(
      `  decideCase p50 ${decisionResult.decide.p50.toFixed(1)} / p95 ${decisionResult.decide.p95.toFixed(1)} ms · sandbox call p50 ${decisionResult.sandbox.p50.toFixed(1)} / p95 ${decisionResult.sandbox.p95.toFixed(1)} ms`,
    );

    const {
      rows: [sample],
    } = await sql.query<{ id: string }>(
      "select id from verification_sessions where status = 'marked_for_review' and assignee_id is null order by provider_created_at limit 1",
    );
    return { seedSeconds, dbSize: size!.size, queries, decisions: decisionResult, admin, sampleSessionId: sample!.id };
  } finally {
    sql.release();
    await handle.close();
  }
}
