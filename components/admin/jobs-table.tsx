"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";
import type { JobDTO } from "@/lib/jobs/job-types";
import { JobsRow } from "./jobs-row";

type Props = {
  jobs: JobDTO[];
  run: (input: { name: string }) => Promise<ActionResult<{ name: string; state: "queued" }>>;
};

// Jobs run every few hundred milliseconds to minutes: re-read the table often enough to see a run end.
const REFRESH_MS = 3_000;

/** Every background job with its state, last run and next run; "Run now" / "Retry" queue it at once. */
export function JobsTable({ jobs, run }: Props) {
  const router = useRouter();
  const [busy, startTransition] = useTransition();
  const [requesting, setRequesting] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [router]);

  const onRun = (job: JobDTO) => {
    setRequesting(job.name);
    setMessage(null);
    startTransition(async () => {
      const result = await run({ name: job.name });
      setMessage(result.ok ? `${job.label}: queued, it runs in a moment.` : result.error.message);
      setRequesting(null);
      router.refresh();
    });
  };

  if (jobs.length === 0) return <p className="text-sm text-slate-600">No job has been registered yet: they appear once the server has started.</p>;
  return (
    <div className="space-y-2">
      {message ? (
        <p role="status" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800" data-testid="jobs-message">
          {message}
        </p>
      ) : null}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="jobs">
          <caption className="sr-only">Background jobs</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-3 py-2">Job</th>
              <th className="px-3 py-2">State</th>
              <th className="px-3 py-2">Last run</th>
              <th className="px-3 py-2">Next run</th>
              <th className="px-3 py-2">Attempts</th>
              <th className="px-3 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {jobs.map((job) => (
              <JobsRow key={job.name} job={job} busy={busy} requesting={requesting === job.name} onRun={() => onRun(job)} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
