import "server-only";
import { inArray, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { sessionStatusCounts as counters, verificationSessions as sessions } from "@/db/schema";
import { COUNT_CAP, exactCount, fromCapped, type ListCount } from "./counts";
import { COMMON_STATUSES, type CommonStatus } from "./status";

export type StatusCounts = Record<CommonStatus, ListCount>;

const zeroCounts = () => Object.fromEntries(COMMON_STATUSES.map((status) => [status, exactCount(0)])) as StatusCounts;

/**
 * Exact sessions per status, for every provider (null) or the listed ones, from the counters
 * the triggers of migration 0009 keep: a few hundred rows, whatever the size of the table.
 */
export async function countedStatuses(db: Database, providers: readonly string[] | null): Promise<StatusCounts> {
  const rows = await db
    .select({ status: counters.status, n: sql<number>`sum(${counters.n})::bigint`.mapWith(Number) })
    .from(counters)
    .where(providers ? inArray(counters.provider, [...providers]) : undefined)
    .groupBy(counters.status);
  const counts = zeroCounts();
  for (const row of rows) if (row.status in counts) counts[row.status] = exactCount(row.n);
  return counts;
}

/**
 * For each named condition, how many rows of `table` match it, counted no further than cap + 1.
 * `orderBy` (an index's order) makes each count an ordered index scan that stops at the cap; a
 * bitmap scan would first collect every match. One statement, so a page pays one round trip
 * and holds one pooled connection for all of them.
 */
export async function cappedCounts<K extends string>(
  db: Database,
  table: PgTable,
  conditions: Record<K, SQL | undefined>,
  { orderBy, cap = COUNT_CAP }: { orderBy?: SQL; cap?: number } = {},
): Promise<Record<K, ListCount>> {
  const keys = Object.keys(conditions) as K[];
  const limit = sql.raw(String(Math.trunc(cap) + 1));
  const order = orderBy ? sql` order by ${orderBy}` : sql``;
  const columns = keys.map(
    (key, i) =>
      sql`(select count(*) from (select 1 from ${table} where ${conditions[key] ?? sql`true`}${order} limit ${limit}) ${sql.raw(`c${i}`)})::int as ${sql.raw(`n${i}`)}`,
  );
  const [row] = rowsOf<Record<string, number>>(await db.execute(sql`select ${sql.join(columns, sql`, `)}`));
  return Object.fromEntries(keys.map((key, i) => [key, fromCapped(Number(row?.[`n${i}`] ?? 0), cap)])) as Record<K, ListCount>;
}

/**
 * Per status, among the sessions matching `where`, from one read of at most cap + 1 matches.
 * Counting each status apart would let the planner walk a status index and filter every row of
 * a common status by the search; one pass over the search's first matches costs no more than
 * the page itself. Past the cap every count is a lower bound ("n+"): the matches read are some
 * of them, not all.
 */
export async function sampledStatusCounts(db: Database, where: SQL | undefined, cap = COUNT_CAP): Promise<StatusCounts> {
  const rows = await db
    .select({ status: sessions.status })
    .from(sessions)
    .where(where)
    .limit(cap + 1);
  const over = rows.length > cap;
  const counts = zeroCounts();
  for (const { status } of rows.slice(0, cap)) if (status in counts) counts[status] = { n: counts[status].n + 1, atLeast: false };
  if (over) for (const status of COMMON_STATUSES) counts[status] = { n: counts[status].n, atLeast: true };
  return counts;
}
