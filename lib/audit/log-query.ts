import "server-only";
import { and, asc, desc, eq, gt, gte, ilike, inArray, like, lt, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-viewer";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { isUuid, utcMidnight } from "./filter-params";
import { canonicalJson } from "./hash";
import type { AuditLogFilters } from "./log-filters";
import type { AuditLogPageDTO, AuditRowDTO } from "./log-types";
import { sessionIdsByProviderSessionId } from "./session-lookup";

export const AUDIT_LOG_PAGE_SIZE = 50;

type AuditRow = typeof auditEvents.$inferSelect;

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

export function toAuditRowDTO(row: AuditRow): AuditRowDTO {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    details: canonicalJson(row.details),
    hash: row.hash,
  };
}

/** A provider session id is what people have at hand; it also finds the session's own id. */
async function targetIds(db: Database, target: string): Promise<string[]> {
  return [...new Set([isUuid(target) ? target.toLowerCase() : target, ...(await sessionIdsByProviderSessionId(db, target))])];
}

async function conditions(db: Database, filters: AuditLogFilters): Promise<SQL | undefined> {
  const where: (SQL | undefined)[] = [];
  if (filters.actor) {
    const byLabel = ilike(auditEvents.actorLabel, `%${escapeLike(filters.actor)}%`);
    where.push(isUuid(filters.actor) ? or(eq(auditEvents.actorId, filters.actor.toLowerCase()), byLabel) : byLabel);
  }
  if (filters.action) {
    // Compared as text: any name filters, also one Verdict no longer writes (rows outlive code).
    where.push(
      filters.action.endsWith("*") ? like(auditEvents.action, `${escapeLike(filters.action.slice(0, -1))}%`) : sql`${auditEvents.action} = ${filters.action}`,
    );
  }
  if (filters.target) where.push(inArray(auditEvents.targetId, await targetIds(db, filters.target)));
  if (filters.from) where.push(gte(auditEvents.at, new Date(utcMidnight(filters.from))));
  if (filters.to) where.push(lt(auditEvents.at, new Date(utcMidnight(filters.to, 1))));
  return and(...where);
}

/**
 * Newest first, keyset-paged on `seq` (unique, so no row is repeated while rows are appended
 * between page loads; gaps are rolled-back transactions). `seq` is taken at insert, not at
 * commit: a row whose transaction commits after a page was read with higher rows can appear
 * below a "newer" cursor already passed; it is in the log, and in the chain in commit order.
 */
export async function listAuditLog(db: Database, viewer: Viewer, filters: AuditLogFilters, pageSize = AUDIT_LOG_PAGE_SIZE): Promise<AuditLogPageDTO> {
  if (!can(viewer.permissions, "audit:read")) throw new AppError("FORBIDDEN", "You may not read the audit log.");
  const where = await conditions(db, filters);
  const older = (bound?: SQL) =>
    db
      .select()
      .from(auditEvents)
      .where(and(where, bound))
      .orderBy(desc(auditEvents.seq))
      .limit(pageSize + 1);

  let rows: AuditRow[];
  let hasNewer: boolean;
  let hasOlder: boolean;
  const back = filters.after
    ? await db
        .select()
        .from(auditEvents)
        .where(and(where, gt(auditEvents.seq, filters.after)))
        .orderBy(asc(auditEvents.seq))
        .limit(pageSize + 1)
    : null;
  if (back && back.length >= pageSize) {
    rows = back.slice(0, pageSize).reverse();
    hasNewer = back.length > pageSize;
    hasOlder = true;
  } else {
    // Fewer newer rows than a page: that is the first page, shown full.
    const fromCursor = !back && filters.before !== null;
    const found = await older(fromCursor ? lt(auditEvents.seq, filters.before!) : undefined);
    rows = found.slice(0, pageSize);
    hasNewer = fromCursor;
    hasOlder = found.length > pageSize;
  }
  return {
    rows: rows.map(toAuditRowDTO),
    pageSize,
    olderThan: hasOlder ? (rows.at(-1)?.seq ?? null) : null,
    newerThan: hasNewer ? (rows[0]?.seq ?? null) : null,
  };
}

/** Every audit row about one target, oldest first, for the evidence page. */
export async function listAuditRowsForTarget(db: Database, targetType: string, targetId: string, limit: number): Promise<AuditRowDTO[]> {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.targetType, targetType), eq(auditEvents.targetId, targetId)))
    .orderBy(asc(auditEvents.seq))
    .limit(limit);
  return rows.map(toAuditRowDTO);
}
