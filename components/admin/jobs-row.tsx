import type { JobDTO } from "@/lib/jobs/job-types";

type Props = { job: JobDTO; busy: boolean; requesting: boolean; onRun: () => void };

const time = (iso: string | null) => (iso ? `${iso.replace("T", " ").slice(0, 19)} UTC` : "—");

function every(ms: number | null): string {
  if (ms === null) return "on demand";
  if (ms < 1000) return `every ${ms} ms`;
  if (ms < 120_000) return `every ${Math.round(ms / 1000)} s`;
  return `every ${Math.round(ms / 60_000)} min`;
}

const STATE_STYLES: Record<JobDTO["state"], string> = {
  idle: "text-slate-700",
  queued: "text-sky-800",
  running: "text-sky-800",
  failed: "text-rose-800",
};

function StateCell({ job }: { job: JobDTO }) {
  return (
    <td className={`px-3 py-2 font-medium ${STATE_STYLES[job.state]}`} data-testid="job-state">
      {job.state}
      {job.leaseExpired ? <span className="block text-xs font-normal text-amber-800">instance stopped responding; another takes over</span> : null}
      {job.runningOn ? <code className="block text-xs font-normal text-slate-500">{job.runningOn}</code> : null}
    </td>
  );
}

function LastRun({ job }: { job: JobDTO }) {
  if (!job.lastFinishedAt) return <span className="text-slate-500">{job.lastStartedAt ? `started ${time(job.lastStartedAt)}` : "not run yet"}</span>;
  return (
    <>
      <span className="block text-slate-600">{time(job.lastFinishedAt)}</span>
      {job.lastError ? <span className="block break-words text-rose-700">{job.lastError}</span> : <span className="block">{job.lastResult}</span>}
    </>
  );
}

export function JobsRow({ job, busy, requesting, onRun }: Props) {
  const attempts = job.maxAttempts === null ? `${job.attempts}` : `${job.attempts} of ${job.maxAttempts}`;
  return (
    <tr data-testid="job" data-job={job.name} data-state={job.state}>
      <td className="px-3 py-2">
        <span className="font-medium">{job.label}</span>
        <code className="block text-xs text-slate-500">{job.name}</code>
        <span className="block text-xs text-slate-500">{every(job.everyMs)}</span>
      </td>
      <StateCell job={job} />
      <td className="max-w-xs px-3 py-2">
        <LastRun job={job} />
      </td>
      <td className="whitespace-nowrap px-3 py-2 text-slate-600">{job.state === "running" ? "—" : time(job.nextRunAt)}</td>
      <td className="px-3 py-2 tabular-nums">{attempts}</td>
      <td className="px-3 py-2">
        <button
          type="button"
          onClick={onRun}
          disabled={busy || job.state === "running"}
          className="whitespace-nowrap rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-50 disabled:opacity-50"
        >
          {requesting ? "Queuing…" : job.state === "failed" ? "Retry" : "Run now"}
          <span className="sr-only">: {job.label}</span>
        </button>
      </td>
    </tr>
  );
}
