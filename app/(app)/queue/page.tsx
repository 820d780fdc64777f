import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { LiveRefresh } from "@/components/live/live-refresh";
import { OldestOverdue } from "@/components/queue/oldest-overdue";
import { QueueFiltersForm } from "@/components/queue/queue-filters";
import { QueueShortcuts } from "@/components/queue/queue-shortcuts";
import { QueueTable } from "@/components/queue/queue-table";
import { ListNotes } from "@/components/sessions/list-notes";
import { ListSkeleton } from "@/components/sessions/list-skeleton";
import { hasEmptyParams, type SearchParamsRecord } from "@/lib/audit/filter-params";
import { requirePermission, type Viewer } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { listQueue } from "@/lib/review/queue";
import { mayClaimNext } from "@/lib/review/session-abilities";
import { formatCount } from "@/lib/sessions/counts";
import { hasQueueFilters, parseQueueFilters, queueHref, REVIEW_SLA_HOURS, type QueueFilters } from "@/lib/review/queue-filters";
import { nextCaseAction } from "./actions";

export const metadata: Metadata = { title: "Review queue" };
export const dynamic = "force-dynamic";

export default async function QueuePage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const viewer = await requirePermission("sessions:read");
  const params = await searchParams;
  const { filters, notes } = parseQueueFilters(params);
  // The filter form submits its empty fields too: show the tidy URL that means the same view.
  if (notes.length === 0 && hasEmptyParams(params)) redirect(queueHref(filters));
  // The shell (title, next-case shortcut) goes out at once; the queue streams in behind a skeleton.
  return (
    <div className="space-y-6">
      <LiveRefresh />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <h1 className="text-2xl font-semibold">Review queue</h1>
        <QueueShortcuts canDecide={mayClaimNext(viewer)} nextCase={nextCaseAction} />
      </div>
      <Suspense fallback={<ListSkeleton label="the review queue" />}>
        <QueueList viewer={viewer} filters={filters} notes={notes} empty={Boolean(params.empty)} />
      </Suspense>
    </div>
  );
}

async function QueueList({ viewer, filters, notes, empty }: { viewer: Viewer; filters: QueueFilters; notes: string[]; empty: boolean }) {
  const queue = await listQueue({ db: await getDb(), viewer }, { filters });
  const filtered = hasQueueFilters(filters);
  const now = Date.now();
  const oldest = queue.items.find((item) => item.id === queue.oldestOverdueId) ?? null;
  return (
    <>
      <p className="-mt-4 text-sm text-slate-600" data-testid="queue-summary">
        {formatCount(queue.total)} case{queue.total.n === 1 && !queue.total.atLeast ? "" : "s"}{" "}
        {filtered ? "match these filters" : "marked for review across providers"}, oldest first · {formatCount(queue.unclaimed)} unclaimed ·{" "}
        {formatCount(queue.overdue)} overdue (over {REVIEW_SLA_HOURS} h)
        {queue.total.atLeast || queue.total.n > queue.items.length ? ` · showing the oldest ${queue.items.length}` : ""}
      </p>
      {empty ? <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">No unclaimed case is waiting. Well done.</p> : null}
      <ListNotes notes={notes} />
      <QueueFiltersForm filters={filters} riskCodes={[...new Set(queue.items.flatMap((item) => item.riskCodes))]} staff={queue.staff} />
      {oldest ? <OldestOverdue item={oldest} now={now} /> : null}
      <QueueTable rows={queue.items} now={now} oldestOverdueId={queue.oldestOverdueId} filtered={filtered} />
    </>
  );
}
