import "server-only";
import { and, eq, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { verificationSessions as sessions } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/load-viewer";
import { AppError } from "@/lib/errors";
import { EMPTY_LIST_QUERY, LIST_PROVIDERS, type SessionListCursor, type SessionListQuery } from "./list-query";
import { sumCounts, type ListCount } from "./counts";
import { maskEmail, maskName } from "./mask";
import { COMMON_STATUSES, type CommonStatus } from "./status";
import { cappedCounts, countedStatuses, sampledStatusCounts, type StatusCounts } from "./status-counts";

export const SESSION_PAGE_SIZE = 50;

export type SessionListItemDTO = {
  id: string;
  provider: string;
  providerSessionId: string;
  status: CommonStatus;
  rawStatus: string;
  applicantName: string | null;
  applicantEmail: string | null;
  createdAt: string | null;
};

export type SessionListDTO = {
  items: SessionListItemDTO[];
  /**
   * Per status, for the filters other than status: exact from the counters when only providers
   * narrow the list, else counted up to COUNT_CAP (`atLeast` past it) — a search or a date range
   * cannot be counted at a million rows on every page load.
   */
  counts: StatusCounts;
  /** Sessions matching the filters other than status. */
  total: ListCount;
  /** Sessions matching every filter. */
  matching: ListCount;
  pageSize: number;
  nextCursor: SessionListCursor | null;
  previousCursor: SessionListCursor | null;
  /** False when the viewer's search matches provider session ids only (no sessions:read_pii). */
  searchesPersonalData: boolean;
};

export type ListSessionsInput = Partial<SessionListQuery>;

type Row = Omit<SessionListItemDTO, "createdAt"> & { createdAt: Date | null; cursorAt: string | null };
type Key = { at: string | null; id: string };
type Order = "newest" | "oldest";
type Segment = { dated: boolean; where: SQL | undefined };

const createdAt = sessions.providerCreatedAt;
const columns = {
  id: sessions.id,
  provider: sessions.provider,
  providerSessionId: sessions.providerSessionId,
  status: sessions.status,
  rawStatus: sessions.rawStatus,
  applicantName: sessions.applicantName,
  applicantEmail: sessions.applicantEmail,
  createdAt,
  // Exact to the microsecond: a JavaScript Date would round, and the cursor would skip or repeat rows.
  cursorAt: sql<string | null>`to_char(${createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
};

/** The providers a list is narrowed to, or null for all of them (filters and counts alike). */
const providerSubset = (query: SessionListQuery) => (query.providers.length > 0 && query.providers.length < LIST_PROVIDERS.length ? query.providers : null);
const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);
const utcMidnight = (day: string, plusDays = 0) => new Date(Date.parse(`${day}T00:00:00Z`) + plusDays * 86_400_000).toISOString();

/**
 * Search, provider and dates: everything but status, so the same conditions feed the status counts.
 * Viewers without sessions:read_pii see masked names; letting them search by name or e-mail would
 * turn the search box into an oracle that confirms who is in the data ("is Jane Roe here?"), so
 * for them `q` only matches a provider session id exactly.
 */
function nonStatusConditions(query: SessionListQuery, searchesPersonalData: boolean): SQL[] {
  const conditions: SQL[] = [];
  const providers = providerSubset(query);
  if (providers) conditions.push(inArray(sessions.provider, providers));
  if (query.from) conditions.push(sql`${createdAt} >= ${utcMidnight(query.from)}::timestamptz`);
  if (query.to) conditions.push(sql`${createdAt} < ${utcMidnight(query.to, 1)}::timestamptz`);
  if (query.q) {
    // Listing the providers lets the (provider, provider_session_id) unique index answer the lookup.
    const bySessionId = and(inArray(sessions.provider, query.providers.length ? query.providers : [...LIST_PROVIDERS]), eq(sessions.providerSessionId, query.q))!;
    if (!searchesPersonalData) conditions.push(bySessionId);
    else {
      // lower(…) LIKE uses the trigram indexes on lower(applicant_name) / lower(applicant_email).
      // Providers send names composed (NFC) or decomposed (NFD) and they are stored byte for byte,
      // so "Müller" is looked for in both forms.
      const patterns = [...new Set([query.q.normalize("NFC"), query.q.normalize("NFD")])].map((form) => `%${escapeLike(form)}%`);
      const byText = patterns.flatMap((pattern) => [
        sql`lower(${sessions.applicantName}) like lower(${pattern})`,
        sql`lower(${sessions.applicantEmail}) like lower(${pattern})`,
      ]);
      conditions.push(or(...byText, bySessionId)!);
    }
  }
  return conditions;
}

function statusCondition(statuses: CommonStatus[]): SQL | undefined {
  if (statuses.length === 0 || statuses.length === COMMON_STATUSES.length) return undefined;
  return statuses.length === 1 ? eq(sessions.status, statuses[0]!) : inArray(sessions.status, statuses);
}

/**
 * The list's total order: newest is (provider_created_at DESC NULLS LAST, id ASC), exactly the
 * created indexes' order, and oldest is its mirror image (a backward index scan). Rows without a
 * provider time count as the oldest. A keyset condition with mixed directions cannot be a row
 * comparison, and an OR with IS NULL would stop the index from bounding the scan, so dated and
 * undated rows are read as separate segments, each one plain index range.
 */
function segmentsAfter(order: Order, key: Key | null): Segment[] {
  const dated = (where?: SQL): Segment => ({ dated: true, where });
  const undated = (where?: SQL): Segment => ({ dated: false, where });
  const at = key?.at ? sql`${key.at}::timestamptz` : null;
  if (order === "newest") {
    if (!key) return [dated(), undated()];
    if (!at) return [undated(sql`${sessions.id} > ${key.id}::uuid`)];
    return [dated(sql`${createdAt} <= ${at} and (${createdAt} < ${at} or ${sessions.id} > ${key.id}::uuid)`), undated()];
  }
  if (!key) return [undated(), dated()];
  if (!at) return [undated(sql`${sessions.id} < ${key.id}::uuid`), dated()];
  return [dated(sql`${createdAt} >= ${at} and (${createdAt} > ${at} or ${sessions.id} < ${key.id}::uuid)`)];
}

function segmentQuery(db: Database, filter: SQL | undefined, order: Order, segment: Segment, limit: number) {
  const orderBy = order === "newest" ? [sql`${createdAt} desc nulls last`, sql`${sessions.id} asc`] : [sql`${createdAt} asc nulls first`, sql`${sessions.id} desc`];
  const where = and(filter, segment.dated ? isNotNull(createdAt) : isNull(createdAt), segment.where);
  return db
    .select(columns)
    .from(sessions)
    .where(where)
    .orderBy(...orderBy)
    .limit(limit);
}

/** Up to `limit` rows strictly after `key` in `order`. */
async function seek(db: Database, filter: SQL | undefined, order: Order, key: Key | null, limit: number, includeUndated: boolean): Promise<Row[]> {
  const rows: Row[] = [];
  for (const segment of segmentsAfter(order, key)) {
    if (!segment.dated && !includeUndated) continue;
    rows.push(...(await segmentQuery(db, filter, order, segment, limit - rows.length)));
    if (rows.length >= limit) break;
  }
  return rows;
}

type Page = { rows: Row[]; hasPrevious: boolean; hasNext: boolean };

async function readPage(db: Database, filter: SQL | undefined, query: SessionListQuery, size: number): Promise<Page> {
  const order: Order = query.sort;
  // A date filter already excludes undated rows: skip their (empty) segment.
  const includeUndated = !query.from && !query.to;
  const firstPage = async (): Promise<Page> => {
    const rows = await seek(db, filter, order, null, size + 1, includeUndated);
    return { rows: rows.slice(0, size), hasPrevious: false, hasNext: rows.length > size };
  };
  const { cursor } = query;
  if (!cursor) return firstPage();
  if (cursor.direction === "after") {
    const rows = await seek(db, filter, order, cursor, size + 1, includeUndated);
    return { rows: rows.slice(0, size), hasPrevious: true, hasNext: rows.length > size };
  }
  const back = await seek(db, filter, order === "newest" ? "oldest" : "newest", cursor, size + 1, includeUndated);
  // Fewer rows than a page before the cursor: that is the first page, shown full.
  if (back.length < size) return firstPage();
  return { rows: back.slice(0, size).reverse(), hasPrevious: back.length > size, hasNext: true };
}

/**
 * With providers as the only other filter, the trigger-kept counters answer exactly. A date
 * range counts each status along its (status, created) index, stopping at the cap; a search
 * counts its first matches (see sampledStatusCounts).
 */
function statusCounts(db: Database, query: SessionListQuery, others: SQL | undefined): Promise<StatusCounts> {
  if (query.q) return sampledStatusCounts(db, others);
  if (!query.from && !query.to) return countedStatuses(db, providerSubset(query));
  const perStatus = Object.fromEntries(COMMON_STATUSES.map((status) => [status, and(others, eq(sessions.status, status))])) as Record<CommonStatus, SQL>;
  return cappedCounts(db, sessions, perStatus, { orderBy: sql`${createdAt} desc nulls last, ${sessions.id}` });
}

function toItem(row: Row, showPii: boolean): SessionListItemDTO {
  const { cursorAt: _cursorAt, createdAt: created, ...rest } = row;
  return {
    ...rest,
    applicantName: showPii ? row.applicantName : maskName(row.applicantName),
    applicantEmail: showPii ? row.applicantEmail : maskEmail(row.applicantEmail),
    createdAt: created?.toISOString() ?? null,
  };
}

const keyOf = (row: Row, direction: SessionListCursor["direction"]): SessionListCursor => ({ direction, at: row.cursorAt, id: row.id });

export async function listSessions(db: Database, viewer: Viewer, input: ListSessionsInput = {}): Promise<SessionListDTO> {
  if (!can(viewer.permissions, "sessions:read")) throw new AppError("FORBIDDEN", "You may not list sessions");
  const showPii = can(viewer.permissions, "sessions:read_pii");
  const query: SessionListQuery = { ...EMPTY_LIST_QUERY, ...input };
  const others = and(...nonStatusConditions(query, showPii));
  const [page, counts] = await Promise.all([readPage(db, and(others, statusCondition(query.statuses)), query, SESSION_PAGE_SIZE), statusCounts(db, query, others)]);
  const total = sumCounts(Object.values(counts));
  const first = page.rows[0];
  const last = page.rows.at(-1);
  return {
    items: page.rows.map((row) => toItem(row, showPii)),
    counts,
    total,
    matching: query.statuses.length ? sumCounts(query.statuses.map((status) => counts[status])) : total,
    pageSize: SESSION_PAGE_SIZE,
    nextCursor: page.hasNext && last ? keyOf(last, "after") : null,
    previousCursor: page.hasPrevious && first ? keyOf(first, "before") : null,
    searchesPersonalData: showPii,
  };
}
