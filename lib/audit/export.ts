import "server-only";
import { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import { stringify } from "csv-stringify";
import type { Database } from "@/db/client";
import type { Viewer } from "@/lib/auth/load-viewer";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { appendAudit } from "./append";
import { DECISION_CSV_COLUMNS, toCsvRecord } from "./csv-columns";
import { toDecisionDTO } from "./decision-dto";
import type { DecisionHistoryFilters } from "./decision-filters";
import { countDecisions, decisionConditions, readDecisions, resolveDecisionFilters, type ResolvedDecisionFilters } from "./decision-history";
import { rowsOf } from "@/db/rows";

export const EXPORT_BATCH_SIZE = 500;

export type DecisionExport = { filename: string; rows: number; body: ReadableStream<Uint8Array> };

/** What the audit row says about the export: codes and ids, never the text someone typed. */
function auditedFilters({ filters, sessionIds }: ResolvedDecisionFilters): Record<string, unknown> {
  const { cursor: _cursor, session: _session, ...codes } = filters;
  const kept: Record<string, unknown> = Object.fromEntries(Object.entries(codes).filter(([, value]) => value !== null));
  if (sessionIds) kept.sessionIds = sessionIds;
  return kept;
}

async function* records(db: Database, where: ReturnType<typeof decisionConditions>, showPii: boolean, batchSize: number) {
  let key: { at: string; id: string } | null = null;
  for (;;) {
    const batch = await readDecisions(db, where, key, "newest", batchSize);
    for (const row of batch) yield toCsvRecord(toDecisionDTO(row, showPii));
    const last = batch.at(-1);
    if (!last || batch.length < batchSize) return;
    key = { at: last.cursorAt, id: last.id };
  }
}

/**
 * The decision history matching `filters` as CSV (UTF-8 with BOM, so spreadsheets read
 * non-Latin names right; formula-looking cells neutralised). The audit row is written first,
 * in its own transaction with the count: if it cannot be written, no data leaves. The rows
 * are then streamed in keyset batches, pinned to the moment of the count so the audited
 * number is the number sent; no transaction stays open while a slow client downloads.
 */
export async function exportDecisionHistory(db: Database, viewer: Viewer, filters: DecisionHistoryFilters, batchSize = EXPORT_BATCH_SIZE): Promise<DecisionExport> {
  if (!can(viewer.permissions, "audit:export")) throw new AppError("FORBIDDEN", "You may not export the decision history.");
  const showPii = can(viewer.permissions, "sessions:read_pii");
  const resolved = await resolveDecisionFilters(db, filters);
  const { asOf, rows } = await db.transaction(async (tx) => {
    const clock = rowsOf<{ as_of: string }>(await tx.execute(sql`select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as as_of`));
    const pinned = clock[0]!.as_of;
    const [counted] = await countDecisions(tx, decisionConditions(resolved, pinned));
    await appendAudit(tx, {
      actor: { id: viewer.id, label: viewer.email },
      action: "audit.export",
      targetType: "decisions",
      details: { format: "csv", filters: auditedFilters(resolved), rows: counted!.n, asOf: pinned, personalData: showPii },
    });
    return { asOf: pinned, rows: counted!.n };
  });

  const csv = stringify({
    bom: true,
    header: true,
    columns: DECISION_CSV_COLUMNS,
    escape_formulas: true,
    record_delimiter: "windows",
    quote_record_delimiter: true,
  });
  const source = Readable.from(records(db, decisionConditions(resolved, asOf), showPii, batchSize));
  source.on("error", (error) => {
    console.error("[audit export] reading decisions failed", error);
    csv.destroy(error);
  });
  source.pipe(csv);
  // Closing the download early stops reading further batches.
  csv.on("close", () => source.destroy());
  return {
    filename: `verdict-decisions-${asOf.slice(0, 19).replace(/[-:]/g, "").replace("T", "-")}Z.csv`,
    rows,
    body: Readable.toWeb(csv) as unknown as ReadableStream<Uint8Array>,
  };
}
