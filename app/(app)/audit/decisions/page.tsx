import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuditNav } from "@/components/audit/audit-nav";
import { DecisionFiltersForm } from "@/components/audit/decision-filters";
import { DecisionTable } from "@/components/audit/decision-table";
import { PageLinks } from "@/components/audit/page-links";
import { ListNotes } from "@/components/sessions/list-notes";
import { decisionHistoryHref, parseDecisionFilters } from "@/lib/audit/decision-filters";
import { listDecisionHistory, listStaffOptions } from "@/lib/audit/decision-history";
import { hasEmptyParams, type SearchParamsRecord } from "@/lib/audit/filter-params";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Decision history" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<SearchParamsRecord> };

export default async function DecisionHistoryPage({ searchParams }: Props) {
  const viewer = await requirePermission("audit:read");
  const params = await searchParams;
  const { filters, notes } = parseDecisionFilters(params);
  // The filter form submits empty fields too: show the tidy URL that means the same view.
  if (notes.length === 0 && hasEmptyParams(params)) redirect(decisionHistoryHref(filters));
  const db = await getDb();
  const [page, staff] = await Promise.all([listDecisionHistory(db, viewer, filters), listStaffOptions(db)]);
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Audit</h1>
        <p className="text-sm text-slate-600">
          Who decided what, when and why, across every provider, newest first.
          {page.showsPersonalData ? "" : " Your role sees applicant names masked and comments hidden."}
        </p>
      </div>
      <AuditNav current="decisions" />
      <ListNotes notes={notes} />
      <DecisionFiltersForm filters={filters} staff={staff} canExport={can(viewer.permissions, "audit:export")} />
      <DecisionTable items={page.items} />
      <PageLinks
        firstHref={filters.cursor ? decisionHistoryHref({ ...filters, cursor: null }) : null}
        previousHref={page.previousCursor ? decisionHistoryHref({ ...filters, cursor: page.previousCursor }) : null}
        nextHref={page.nextCursor ? decisionHistoryHref({ ...filters, cursor: page.nextCursor }) : null}
      />
    </div>
  );
}
