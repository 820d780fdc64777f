import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LiveRefresh } from "@/components/live/live-refresh";
import { OldestOverdue } from "@/components/queue/oldest-overdue";
import { QueueFiltersForm } from "@/components/queue/queue-filters";
import { QueueShortcuts } from "@/components/queue/queue-shortcuts";
import { QueueTable } from "@/components/queue/queue-table";
import { ListNotes } from "@/components/sessions/list-notes";
import { hasEmptyParams, type SearchParamsRecord } from "@/lib/audit/filter-params";
import { requirePermission } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { listQueue } from "@/lib/review/queue";
import { mayClaimNext } from "@/lib/review/session-abilities";
import { hasQueueFilters, parseQueueFilters, queueHref, REVIEW_SLA_HOURS } from "@/lib/review/queue-filters";
import { nextCaseAction } from "./actions";

export const metadata: Metadata = { title: "Review queue" };
export const dynamic = "force-dynamic";

export default async function QueuePage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const viewer = await requirePermission("sessions:read");
  const params = await searchParams;
  const { filters, notes } = parseQueueFilters(params);
  // The filter form submits its empty fields too: show the tidy URL that means the same view.
  if (notes.length === 0 && hasEmptyParams(params)) redirect(queueHref(filters));
  const queue = await listQueue({ db: await getDb(), viewer }, { filters });
  const filtered = hasQueueFilters(filters);
  const now = Date.now();
  const oldest = queue.items.find((item) => item.id === queue.oldestOverdueId) ?? null;
  return (
    <div className="space-y-6">
      <LiveRefresh />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Review queue</h1>
          <p className="text-sm text-slate-600" data-testid="queue-summary">
            {queue.total} case{queue.total === 1 ? "" : "s"} {filtered ? "match these filters" : "marked for review across providers"}, oldest first ·{" "}
            {queue.unclaimed} unclaimed · {queue.overdue} overdue (over {REVIEW_SLA_HOURS} h)
            {queue.total > queue.items.length ? ` · showing the oldest ${queue.items.length}` : ""}
          </p>
        </div>
        <QueueShortcuts canDecide={mayClaimNext(viewer)} nextCase={nextCaseAction} />
      </div>
      {params.empty ? <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">No unclaimed case is waiting. Well done.</p> : null}
      <ListNotes notes={notes} />
      <QueueFiltersForm filters={filters} riskCodes={[...new Set(queue.items.flatMap((item) => item.riskCodes))]} staff={queue.staff} />
      {oldest ? <OldestOverdue item={oldest} now={now} /> : null}
      <QueueTable rows={queue.items} now={now} oldestOverdueId={queue.oldestOverdueId} filtered={filtered} />
    </div>
  );
}
