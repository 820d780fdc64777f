import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuditLogFiltersForm } from "@/components/audit/audit-log-filters";
import { AuditLogTable } from "@/components/audit/audit-log-table";
import { AuditNav } from "@/components/audit/audit-nav";
import { PageLinks } from "@/components/audit/page-links";
import { VerifyChainButton } from "@/components/audit/verify-chain-button";
import { ListNotes } from "@/components/sessions/list-notes";
import { hasEmptyParams, type SearchParamsRecord } from "@/lib/audit/filter-params";
import { auditLogHref, hasAuditLogFilters, parseAuditLogFilters } from "@/lib/audit/log-filters";
import { listAuditLog } from "@/lib/audit/log-query";
import { requirePermission } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { verifyAuditChainAction } from "./actions";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<SearchParamsRecord> };

export default async function AuditLogPage({ searchParams }: Props) {
  const viewer = await requirePermission("audit:read");
  const params = await searchParams;
  const { filters, notes } = parseAuditLogFilters(params);
  // The filter form submits empty fields too: show the tidy URL that means the same view.
  if (notes.length === 0 && hasEmptyParams(params)) redirect(auditLogHref(filters));
  const page = await listAuditLog(await getDb(), viewer, filters);
  const unpaged = { ...filters, before: null, after: null };
  const paged = Boolean(filters.before || filters.after);
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Audit</h1>
          <p className="text-sm text-slate-600">
            Append-only and hash-chained: every change and every read of personal data, newest first. Details never hold personal data.
          </p>
        </div>
        <VerifyChainButton verify={verifyAuditChainAction} />
      </div>
      <AuditNav current="log" />
      <ListNotes notes={notes} />
      <AuditLogFiltersForm filters={filters} />
      <p className="text-sm text-slate-600" data-testid="audit-log-summary">
        {page.rows.length ? `Seq ${page.rows[0]!.seq} down to ${page.rows.at(-1)!.seq}` : "No rows"}
        {hasAuditLogFilters(filters) ? " matching the filters" : ""} · {page.pageSize} per page
      </p>
      <AuditLogTable rows={page.rows} />
      <PageLinks
        firstHref={paged ? auditLogHref(unpaged) : null}
        previousHref={page.newerThan ? auditLogHref({ ...unpaged, after: page.newerThan }) : null}
        nextHref={page.olderThan ? auditLogHref({ ...unpaged, before: page.olderThan }) : null}
      />
    </div>
  );
}
