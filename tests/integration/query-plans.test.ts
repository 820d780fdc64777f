/**
 * The pages' queries use the index they were written for, so their cost follows the page and
 * not the table. The real service functions run against a drizzle instance that records every
 * statement they send; each statement is then EXPLAINed with its own parameters, and the plan
 * tree walked for sequential scans of the big tables and for the named index. PGlite's planner
 * is PostgreSQL's, so the same assertions hold on both drivers.
 */
import type { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { sql } from "drizzle-orm";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@/db/client";
import { rowsOf } from "@/db/rows";
import * as schema from "@/db/schema";
import { EMPTY_DECISION_FILTERS } from "@/lib/audit/decision-filters";
import { listDecisionHistory } from "@/lib/audit/decision-history";
import { EMPTY_AUDIT_LOG_FILTERS } from "@/lib/audit/log-filters";
import { listAuditLog } from "@/lib/audit/log-query";
import type { Viewer } from "@/lib/auth/load-viewer";
import { listQueue } from "@/lib/review/queue";
import { NO_QUEUE_FILTERS } from "@/lib/review/queue-filters";
import { queueNeighbors } from "@/lib/review/queue-neighbors";
import { listSessions } from "@/lib/sessions/list-sessions";
import { createTestDatabase } from "../helpers/db";
import { createViewer } from "../helpers/review";

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };
type Statement = { query: string; params: unknown[] };
type Expectation = { uses: string[]; never?: string[] };

/** Tables whose full scan would make a page cost grow with the data. */
const BIG = ["verification_sessions", "audit_events", "decisions"];
const SESSIONS = 30_000;

function* walk(node: PlanNode): Generator<PlanNode> {
  yield node;
  for (const child of node.Plans ?? []) yield* walk(child);
}

describe("query plans of the list pages at scale", () => {
  let handle: DatabaseHandle;
  let admin: Viewer;
  let recorded: Statement[] = [];
  let db: Database;
  let queueCase: string;

  /** Every statement `run` sends, with its parameters. */
  async function statementsOf(run: (db: Database) => Promise<unknown>): Promise<Statement[]> {
    recorded = [];
    await run(db);
    return recorded;
  }

  async function planOf({ query, params }: Statement): Promise<PlanNode> {
    const client = (handle.db as unknown as { $client: { query: (text: string, values: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> } }).$client;
    const { rows } = await client.query(`explain (format json) ${query}`, params);
    const raw = rows[0]!["QUERY PLAN"];
    return ((typeof raw === "string" ? JSON.parse(raw) : raw) as [{ Plan: PlanNode }])[0].Plan;
  }

  /** What `run` sends and what is wrong with its plans. */
  const problemsOf = async (run: (db: Database) => Promise<unknown>, expectation: Expectation) => problemsIn(await statementsOf(run), expectation);

  /** What is wrong with the plans of these statements: a full scan of a big table, a named index unused, a table read. */
  async function problemsIn(statements: Statement[], { uses, never = [] }: Expectation): Promise<string[]> {
    const problems: string[] = [];
    const indexes = new Set<string>();
    const relations = new Set<string>();
    for (const statement of statements) {
      for (const node of walk(await planOf(statement))) {
        const relation = node["Relation Name"];
        if (node["Index Name"]) indexes.add(node["Index Name"]);
        if (relation) relations.add(relation);
        // Named with the statement, so a failure says which query lost its index.
        if (node["Node Type"] === "Seq Scan" && relation && BIG.includes(relation)) problems.push(`Seq Scan on ${relation}: ${statement.query.slice(0, 160)}`);
      }
    }
    for (const index of uses) if (!indexes.has(index)) problems.push(`${index} is not used`);
    for (const table of never) if (relations.has(table)) problems.push(`${table} is read`);
    return problems;
  }

  beforeAll(async () => {
    handle = await createTestDatabase();
    const logger = { logQuery: (query: string, params: unknown[]) => void recorded.push({ query, params }) };
    const client = (handle.db as unknown as { $client: unknown }).$client;
    const options = { schema, casing: "snake_case" as const, logger };
    db = handle.driver === "pglite" ? drizzlePglite(client as PGlite, options) : drizzlePg(client as pg.Pool, options);
    admin = await createViewer(handle, "admin", "Plan Admin");
    await handle.db.execute(sql`
      insert into verification_sessions (provider, provider_session_id, status, raw_status, applicant_name, applicant_email, provider_created_at)
      select (array['didit','beltic','idenfy','bynn'])[1 + (hashint4(i) & 3)], 'plan-' || i,
        case when h < 3 then 'marked_for_review' when h < 7 then 'failed' when h < 12 then 'started' when h < 20 then 'created'
          when h < 30 then 'pending' when h < 40 then 'completed' when h < 50 then 'expired' when h < 60 then 'declined' else 'approved' end,
        'raw', 'Person ' || i, 'person' || i || '@example.com',
        case when i % 500 = 0 then null else timestamptz '2025-01-01' + i * interval '7 minutes' end
      from (select i, (hashint4(i * 7) & 2147483647) % 100 as h from generate_series(1, ${SESSIONS}) i) g`);
    await handle.db.execute(sql`
      insert into session_checks (session_id, provider_check_id, kind, result, codes)
      select id, 'idv', 'idv', 'failed', array['DATA_INCONSISTENT'] from verification_sessions where status = 'marked_for_review'`);
    await handle.db.execute(sql`
      insert into decisions (session_id, action, reason_code, actor_id, idempotency_key, state, created_at)
      select id, 'approve', 'ok', ${admin.id}::uuid, 'plan-' || id, 'confirmed', coalesce(provider_created_at, now()) + interval '1 hour'
      from verification_sessions where status in ('approved', 'declined')`);
    await handle.db.execute(sql`
      insert into audit_events (at, actor_label, action, target_type, target_id, details)
      select timestamptz '2025-01-01' + i * interval '1 minute', 'system',
        case when i % 1000 = 0 then 'session.redact' else (array['session.view','decision.requested','decision.confirmed','session.claim','media.view'])[1 + i % 5] end, 'session', md5(i::text), '{}'::jsonb
      from generate_series(1, ${SESSIONS}) i`);
    await handle.db.execute(sql`analyze`);
    const [middle] = rowsOf<{ id: string }>(
      await handle.db.execute(sql`select id from verification_sessions where status = 'marked_for_review' order by provider_created_at offset 300 limit 1`),
    );
    queueCase = middle!.id;
  }, 120_000);
  afterAll(async () => handle.close());

  const sessionsPage = (input: Parameters<typeof listSessions>[2]) => (db: Database) => listSessions(db, admin, input);
  const queuePage =
    (filters = NO_QUEUE_FILTERS) =>
    (db: Database) =>
      listQueue({ db, viewer: admin }, { filters });

  it.each([
    ["newest first", {}, ["verification_sessions_created_idx"]],
    ["oldest first", { sort: "oldest" as const }, ["verification_sessions_created_idx"]],
    ["one provider", { providers: ["bynn" as const] }, ["verification_sessions_provider_created_idx"]],
    ["one provider, oldest first", { providers: ["beltic" as const], sort: "oldest" as const }, ["verification_sessions_provider_created_idx"]],
    ["one status", { statuses: ["failed" as const] }, ["verification_sessions_status_created_idx"]],
    ["one status, oldest first", { statuses: ["created" as const], sort: "oldest" as const }, ["verification_sessions_status_created_idx"]],
  ])("the Sessions page, %s, reads its index and counts from the counters", async (_label, input, uses) => {
    expect(await problemsOf(sessionsPage(input), { uses })).toEqual([]);
    // The counts never touch verification_sessions: only the page's own statements do.
    const counts = (await statementsOf(sessionsPage(input))).filter((s) => s.query.includes("session_status_counts"));
    expect(counts).toHaveLength(1);
    expect(await problemsIn(counts, { uses: [], never: ["verification_sessions"] })).toEqual([]);
  });

  it("the Sessions page with a date range counts each status along the status index, capped", async () => {
    const input = { from: "2025-02-01", to: "2025-03-15" };
    expect(await problemsOf(sessionsPage(input), { uses: ["verification_sessions_created_idx", "verification_sessions_status_created_idx"] })).toEqual([]);
  });

  it("the review queue reads its partial index for the page and the capped counts", async () => {
    expect(await problemsOf(queuePage(), { uses: ["verification_sessions_queue_idx"] })).toEqual([]);
    expect(await problemsOf(queuePage({ ...NO_QUEUE_FILTERS, provider: "didit", assignee: "unassigned" }), { uses: ["verification_sessions_queue_idx"] })).toEqual(
      [],
    );
  });

  it("a case's queue neighbours are index probes", async () => {
    expect(
      await problemsOf((db) => queueNeighbors({ db, viewer: admin }, { sessionId: queueCase }), {
        uses: ["verification_sessions_queue_idx", "verification_sessions_pkey"],
      }),
    ).toEqual([]);
  });

  it("the audit log pages by seq and filters through its indexes", async () => {
    const log = (filters: Partial<typeof EMPTY_AUDIT_LOG_FILTERS>) => (db: Database) => listAuditLog(db, admin, { ...EMPTY_AUDIT_LOG_FILTERS, ...filters });
    expect(await problemsOf(log({}), { uses: ["audit_events_pkey"] })).toEqual([]);
    expect(await problemsOf(log({ before: 20_000 }), { uses: ["audit_events_pkey"] })).toEqual([]);
    expect(await problemsOf(log({ action: "session.redact" }), { uses: ["audit_events_action_idx"] })).toEqual([]);
    // A provider session id is looked up through the (provider, provider_session_id) index.
    expect(await problemsOf(log({ target: "plan-77" }), { uses: ["audit_events_target_id_idx", "verification_sessions_provider_session_uq"] })).toEqual([]);
  });

  it("the decision history pages newest first on its index", async () => {
    const history = (filters: Partial<typeof EMPTY_DECISION_FILTERS>) => (db: Database) => listDecisionHistory(db, admin, { ...EMPTY_DECISION_FILTERS, ...filters });
    expect(await problemsOf(history({}), { uses: ["decisions_created_idx"] })).toEqual([]);
    expect(await problemsOf(history({ provider: "idenfy" }), { uses: ["decisions_created_idx"] })).toEqual([]);
    expect(await problemsOf(history({ session: "plan-77" }), { uses: ["verification_sessions_provider_session_uq"] })).toEqual([]);
  });

  it("fails when an index is gone: the same checks name the missing index, or the full scan", async () => {
    const withoutIndexes = async (indexes: string[], check: () => Promise<void>) => {
      const definitions = rowsOf<{ indexdef: string }>(await handle.db.execute(sql`select indexdef from pg_indexes where indexname in ${indexes}`));
      expect(definitions).toHaveLength(indexes.length);
      for (const index of indexes) await handle.db.execute(sql.raw(`drop index "${index}"`));
      try {
        await check();
      } finally {
        for (const { indexdef } of definitions) await handle.db.execute(sql.raw(indexdef));
      }
    };
    await withoutIndexes(["verification_sessions_queue_idx"], async () =>
      expect(await problemsOf(queuePage(), { uses: ["verification_sessions_queue_idx"] })).toContain("verification_sessions_queue_idx is not used"),
    );
    await withoutIndexes(["verification_sessions_created_idx"], async () =>
      expect(await problemsOf(sessionsPage({}), { uses: ["verification_sessions_created_idx"] })).toContain("verification_sessions_created_idx is not used"),
    );
    // With neither index the queue has left, the planner can only read the whole table.
    await withoutIndexes(["verification_sessions_queue_idx", "verification_sessions_status_created_idx"], async () =>
      expect((await problemsOf(queuePage(), { uses: [] })).join("\n")).toContain("Seq Scan on verification_sessions: select"),
    );
  });
});
