/**
 * The Sessions list and the review queue as the pages call them (listSessions, listQueue),
 * next to the very statements they send, recorded from the driver and replayed raw.
 */
import type { DatabaseHandle } from "@/db/client";
import type { Viewer } from "@/lib/auth/load-viewer";
import { BUILT_IN_ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import { listQueue } from "@/lib/review/queue";
import { listSessions, type ListSessionsInput } from "@/lib/sessions/list-sessions";
import { describePlan } from "./plans";
import { recordStatements, replayStatements, type SqlSession } from "./sql";
import { compare, type Percentiles } from "./stats";

export type QueryResult = { label: string; page: "first" | "deep"; rows: string; orm: Percentiles; raw: Percentiles; statements: number; plans: string[] };

const viewer: Viewer = {
  id: "00000000-0000-4000-8000-0000000000be",
  email: "bench@example.test",
  name: "bench",
  role: "lead",
  roleName: "Lead",
  permissions: BUILT_IN_ROLE_PERMISSIONS.lead,
};
/** How far the deep page is: 100,000 rows in (page 2,001), or half the matches if fewer. */
const DEEP_ROWS = 100_000;

type Scenario = { label: string; input: ListSessionsInput; where: string; params?: unknown[] };

async function scenarios(sql: SqlSession): Promise<Scenario[]> {
  const month = new Date();
  month.setUTCMonth(month.getUTCMonth() - 4, 1);
  const from = month.toISOString().slice(0, 10);
  const to = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
  const {
    rows: [sample],
  } = await sql.query<{ provider: string; provider_session_id: string }>(
    `select provider, provider_session_id from verification_sessions where provider = 'didit' order by provider_created_at desc nulls last limit 1 offset 777`,
  );
  return [
    { label: "all sessions, newest first", input: {}, where: "true" },
    { label: "provider = idenfy", input: { providers: ["idenfy"] }, where: "provider = 'idenfy'" },
    { label: "status = approved", input: { statuses: ["approved"] }, where: "status = 'approved'" },
    { label: "status = marked_for_review", input: { statuses: ["marked_for_review"] }, where: "status = 'marked_for_review'" },
    { label: `dates ${from} – ${to}`, input: { from, to }, where: `provider_created_at >= $1::date and provider_created_at < $2::date + 1`, params: [from, to] },
    {
      label: "search name “Иван Петров”",
      input: { q: "Иван Петров" },
      where: "(lower(applicant_name) like '%иван петров%' or lower(applicant_email) like '%иван петров%')",
    },
    { label: "search name “петров” (common)", input: { q: "петров" }, where: "(lower(applicant_name) like '%петров%' or lower(applicant_email) like '%петров%')" },
    { label: "search provider session id", input: { q: sample!.provider_session_id }, where: "provider_session_id = $1", params: [sample!.provider_session_id] },
  ];
}

/** The cursor of the row `DEEP_ROWS` (or half the matches) into the list, as the app would encode it. */
async function deepCursor(sql: SqlSession, scenario: Scenario) {
  const {
    rows: [matches],
  } = await sql.query<{ n: string }>(`select count(*) n from verification_sessions where ${scenario.where}`, scenario.params);
  const offset = Math.min(DEEP_ROWS, Math.floor(Number(matches!.n) / 2));
  if (offset < 100) return { matches: Number(matches!.n), cursor: null };
  const {
    rows: [row],
  } = await sql.query<{ id: string; at: string | null }>(
    `select id, to_char(provider_created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') at from verification_sessions
     where ${scenario.where} order by provider_created_at desc nulls last, id asc offset ${offset} limit 1`,
    scenario.params,
  );
  return { matches: Number(matches!.n), offset, cursor: { direction: "after" as const, at: row!.at, id: row!.id } };
}

async function measure(handle: DatabaseHandle, sql: SqlSession, run: () => Promise<unknown>, runs: number) {
  const statements = await recordStatements(handle, run);
  const timing = await compare(run, () => replayStatements(handle, statements), runs);
  const plans: string[] = [];
  for (const statement of statements) plans.push(await describePlan(sql, statement.text, statement.params));
  return { orm: timing.a, raw: timing.b, statements: statements.length, plans };
}

export async function benchQueries(handle: DatabaseHandle, sql: SqlSession, runs: number, log: (line: string) => void): Promise<QueryResult[]> {
  const results: QueryResult[] = [];
  const push = (result: QueryResult) => {
    results.push(result);
    log(
      `  ${result.label} (${result.page}): app p50 ${result.orm.p50.toFixed(2)} / p95 ${result.orm.p95.toFixed(2)} ms · raw p50 ${result.raw.p50.toFixed(2)} / p95 ${result.raw.p95.toFixed(2)} ms`,
    );
  };
  for (const scenario of await scenarios(sql)) {
    const deep = await deepCursor(sql, scenario);
    const rows = `${deep.matches.toLocaleString("en-US")} match`;
    push({ label: scenario.label, page: "first", rows, ...(await measure(handle, sql, () => listSessions(handle.db, viewer, scenario.input), runs)) });
    if (deep.cursor) {
      const input = { ...scenario.input, cursor: deep.cursor };
      push({
        label: scenario.label,
        page: "deep",
        rows: `after row ${deep.offset.toLocaleString("en-US")}`,
        ...(await measure(handle, sql, () => listSessions(handle.db, viewer, input), runs)),
      });
    }
  }
  const {
    rows: [queued],
  } = await sql.query<{ n: string }>(`select count(*) n from verification_sessions where status = 'marked_for_review' and redacted_at is null`);
  push({
    label: "review queue (first page)",
    page: "first",
    rows: `${Number(queued!.n).toLocaleString("en-US")} in review`,
    ...(await measure(handle, sql, () => listQueue({ db: handle.db, viewer }), runs)),
  });
  return results;
}
