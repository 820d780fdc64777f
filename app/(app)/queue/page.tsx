import type { Metadata } from "next";
import { LiveRefresh } from "@/components/live/live-refresh";
import { NextCaseButton } from "@/components/queue/next-case-button";
import { QueueTable } from "@/components/queue/queue-table";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { listQueue } from "@/lib/review/queue";
import { nextCaseAction } from "./actions";

export const metadata: Metadata = { title: "Review queue" };
export const dynamic = "force-dynamic";

export default async function QueuePage({ searchParams }: { searchParams: Promise<{ empty?: string }> }) {
  const viewer = await requirePermission("sessions:read");
  const queue = await listQueue(await getDb(), viewer);
  const { empty } = await searchParams;
  return (
    <div className="space-y-6">
      <LiveRefresh />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Review queue</h1>
          <p className="text-sm text-slate-600">
            {queue.total} case{queue.total === 1 ? "" : "s"} marked for review across providers, oldest first · {queue.unclaimed} unclaimed
            {queue.total > queue.items.length ? ` · showing the oldest ${queue.items.length}` : ""}
          </p>
        </div>
        {can(viewer.permissions, "sessions:decide") ? <NextCaseButton nextCase={nextCaseAction} /> : null}
      </div>
      {empty ? <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">No unclaimed case is waiting. Well done.</p> : null}
      <QueueTable rows={queue.items} now={Date.now()} />
    </div>
  );
}
