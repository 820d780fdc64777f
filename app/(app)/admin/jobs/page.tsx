import type { Metadata } from "next";
import Link from "next/link";
import { JobsTable } from "@/components/admin/jobs-table";
import { requirePermission } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { listJobs } from "@/lib/jobs/list";
import { requestJobRunAction } from "./actions";

export const metadata: Metadata = { title: "Background jobs" };
export const dynamic = "force-dynamic";

export default async function JobsPage() {
  await requirePermission("providers:manage");
  const jobs = await listJobs(await getDb());
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <Link href="/admin" className="text-sm text-slate-600 hover:text-slate-900">
          ← Admin
        </Link>
        <h1 className="text-2xl font-semibold">Background jobs</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          Audit sealing, webhook application, provider syncs, decision reconciliation and outbound deliveries. Each job runs on one instance at a time; a failed job
          is retried with growing delays, and &ldquo;Retry&rdquo; runs it at once.
        </p>
      </div>
      <JobsTable jobs={jobs} run={requestJobRunAction} />
    </div>
  );
}
