import "server-only";
import { and, asc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { decisions, users, verificationSessions as sessions } from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-viewer";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { toDecisionDTO, type DecisionHistoryRow } from "./decision-dto";
import type { DecisionCursor, DecisionHistoryFilters } from "./decision-filters";
import type { DecisionHistoryPageDTO, StaffOptionDTO } from "./decision-types";
import { isUuid, utcMidnight } from "./filter-params";
import { sessionIdsByProviderSessionId } from "./session-lookup";

export const DECISION_PAGE_SIZE = 50;

const secondActor = alias(users, "second_actor");
const columns = {
  id: decisions.id,
  createdAt: decisions.createdAt,
  // Exact to the microsecond: a JavaScript Date would round, and the cursor would skip or repeat rows.
  cursorAt: sql<string>`to_char(${decisions.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  updatedAt: decisions.updatedAt,
  action: decisions.action,
  reasonCode: decisions.reasonCode,
  comment: decisions.comment,
  state: decisions.state,
  providerResponse: decisions.providerResponse,
  error: decisions.error,
  sessionId: decisions.sessionId,
  provider: sessions.provider,
  providerSessionId: sessions.providerSessionId,
  applicantName: sessions.applicantName,
  redactedAt: sessions.redactedAt,
  actorId: decisions.actorId,
  actorName: users.name,
  actorEmail: users.email,
  secondActorId: decisions.secondActorId,
  secondActorName: secondActor.name,
  secondActorEmail: secondActor.email,
};

/** Verdict's session id or the provider's: both name the same session to an auditor. */
export async function resolveSessionFilter(db: Database, session: string): Promise<string[]> {
  return [...new Set([...(isUuid(session) ? [session.toLowerCase()] : []), ...(await sessionIdsByProviderSessionId(db, session))])];
}

export type ResolvedDecisionFilters = { filters: DecisionHistoryFilters; sessionIds: string[] | null };

export async function resolveDecisionFilters(db: Database, filters: DecisionHistoryFilters): Promise<ResolvedDecisionFilters> {
  return { filters, sessionIds: filters.session ? await resolveSessionFilter(db, filters.session) : null };
}

/** `asOf` (microsecond UTC text) pins an export to the rows that existed when it was counted. */
export function decisionConditions({ filters, sessionIds }: ResolvedDecisionFilters, asOf?: string): SQL | undefined {
  const where: (SQL | undefined)[] = [];
  if (filters.actor) where.push(or(eq(decisions.actorId, filters.actor), eq(decisions.secondActorId, filters.actor)));
  if (filters.action) where.push(eq(decisions.action, filters.action));
  if (filters.provider) where.push(eq(sessions.provider, filters.provider));
  if (filters.state) where.push(eq(decisions.state, filters.state));
  if (sessionIds) where.push(sessionIds.length ? inArray(decisions.sessionId, sessionIds) : sql`false`);
  if (filters.from) where.push(gte(decisions.createdAt, new Date(utcMidnight(filters.from))));
  if (filters.to) where.push(lt(decisions.createdAt, new Date(utcMidnight(filters.to, 1))));
  if (asOf) where.push(sql`${decisions.createdAt} <= ${asOf}::timestamptz`);
  return and(...where);
}

type Direction = "newest" | "oldest";

/** Up to `limit` decisions strictly past `key`, newest first (or oldest first, to page back). */
export function readDecisions(
  db: Database,
  where: SQL | undefined,
  key: { at: string; id: string } | null,
  direction: Direction,
  limit: number,
): Promise<DecisionHistoryRow[]> {
  const row = sql`(${decisions.createdAt}, ${decisions.id})`;
  const bound = key ? sql`${row} ${sql.raw(direction === "newest" ? "<" : ">")} (${key.at}::timestamptz, ${key.id}::uuid)` : undefined;
  const order = direction === "newest" ? [sql`${decisions.createdAt} desc`, sql`${decisions.id} desc`] : [asc(decisions.createdAt), asc(decisions.id)];
  return db
    .select(columns)
    .from(decisions)
    .innerJoin(sessions, eq(sessions.id, decisions.sessionId))
    .innerJoin(users, eq(users.id, decisions.actorId))
    .leftJoin(secondActor, eq(secondActor.id, decisions.secondActorId))
    .where(and(where, bound))
    .orderBy(...order)
    .limit(limit);
}

const cursorOf = (row: DecisionHistoryRow, direction: DecisionCursor["direction"]): DecisionCursor => ({ direction, at: row.cursorAt, id: row.id });

export async function listDecisionHistory(
  db: Database,
  viewer: Viewer,
  filters: DecisionHistoryFilters,
  pageSize = DECISION_PAGE_SIZE,
): Promise<DecisionHistoryPageDTO> {
  if (!can(viewer.permissions, "audit:read")) throw new AppError("FORBIDDEN", "You may not read the decision history.");
  const showPii = can(viewer.permissions, "sessions:read_pii");
  const where = decisionConditions(await resolveDecisionFilters(db, filters));
  const { cursor } = filters;
  let rows: DecisionHistoryRow[];
  let hasPrevious = false;
  let hasNext: boolean;
  const back = cursor?.direction === "before" && cursor.at ? await readDecisions(db, where, { at: cursor.at, id: cursor.id }, "oldest", pageSize + 1) : null;
  if (back && back.length >= pageSize) {
    rows = back.slice(0, pageSize).reverse();
    hasPrevious = back.length > pageSize;
    hasNext = true;
  } else {
    // Fewer rows than a page before the cursor: that is the first page, shown full.
    const forward = cursor?.direction === "after" && cursor.at ? { at: cursor.at, id: cursor.id } : null;
    const found = await readDecisions(db, where, forward, "newest", pageSize + 1);
    rows = found.slice(0, pageSize);
    hasPrevious = forward !== null;
    hasNext = found.length > pageSize;
  }
  const first = rows[0];
  const last = rows.at(-1);
  return {
    items: rows.map((row) => toDecisionDTO(row, showPii)),
    pageSize,
    nextCursor: hasNext && last ? cursorOf(last, "after") : null,
    previousCursor: hasPrevious && first ? cursorOf(first, "before") : null,
    showsPersonalData: showPii,
  };
}

/** Staff who may appear as reviewers, for the filter; staff names are not applicants' data. */
export async function listStaffOptions(db: Database): Promise<StaffOptionDTO[]> {
  const rows = await db.select({ id: users.id, name: users.name, email: users.email }).from(users).orderBy(asc(users.name), asc(users.email));
  return rows.map((row) => ({ id: row.id, label: `${row.name} (${row.email})` }));
}

export function countDecisions(db: Database, where: SQL | undefined) {
  return db
    .select({ n: sql<number>`count(*)::int` })
    .from(decisions)
    .innerJoin(sessions, eq(sessions.id, decisions.sessionId))
    .where(where);
}
