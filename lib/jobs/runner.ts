import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Database } from "@/db/client";
import { afterFailure, afterSuccess, type NextRun } from "./backoff";
import { claimDueJob, finishJob, registerJobs, renewLease, type JobRow } from "./store";
import { JobFailure, type JobDefinition } from "./types";
import { onJobWake } from "./wake";

export type RunnerOptions = {
  db: Database;
  jobs: JobDefinition[];
  instanceId?: string;
  /** How often the jobs table is read for due work (also at once on wakeJob and after a run that left work). */
  pollMs: number;
  /** How long a claim holds without a heartbeat; a dead instance's job is taken over after it. Renewed every third of it. */
  leaseMs: number;
};

export type JobRunner = {
  instanceId: string;
  /** Writes the jobs' rows and starts polling. */
  start: () => Promise<void>;
  /** Claims and starts every job due now; resolves with their names once claimed (not finished). */
  poll: () => Promise<string[]>;
  /** Resolves once this instance has nothing in progress: no run, no poll, none armed to start at once. */
  idle: () => Promise<void>;
  /** Stops claiming, then waits for the runs in progress to finish and release their leases. */
  stop: () => Promise<void>;
};

export const newInstanceId = () => `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;

/** Verdict's words for a failed run: a JobFailure's own message, else a generic sentence (the details go to the log). */
function describeFailure(name: string, error: unknown): string {
  if (error instanceof JobFailure) return error.message;
  // Not the error itself: a failed query's message lists its parameters (an applicant's data).
  console.error(`[jobs] ${name} failed: ${errorSummary(error)}`);
  return `Unexpected error in ${name} (see the server log).`;
}

/** The error's class, SQLSTATE where a database error is wrapped in it, and where it was thrown. */
function errorSummary(error: unknown): string {
  let code: unknown;
  for (let current = error, depth = 0; current && depth < 5 && code === undefined; depth++) {
    code = (current as { code?: unknown }).code;
    current = (current as { cause?: unknown }).cause;
  }
  const name = error instanceof Error ? error.name : typeof error;
  const frame = error instanceof Error ? error.stack?.split("\n").find((line) => line.trimStart().startsWith("at ")) : undefined;
  return [name, typeof code === "string" ? `(code ${code})` : "", frame?.trim() ?? ""].filter(Boolean).join(" ");
}

export function createJobRunner({ db, jobs, pollMs, leaseMs, instanceId = newInstanceId() }: RunnerOptions): JobRunner {
  const byName = new Map(jobs.map((job) => [job.name, job]));
  const running = new Map<string, Promise<void>>();
  const woken = new Set<string>();
  const wokenWhileRunning = new Set<string>();
  const ranHere = new Set<string>();
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = 0;
  let polling: Promise<string[]> | null = null;
  let pollAgain = false;
  // A poll is due at once (woken, or a run left work): idle() waits for it too.
  let immediate = false;
  let unsubscribe = () => {};
  let lastPollError = "";

  async function execute(row: JobRow) {
    const job = byName.get(row.name)!;
    const heartbeat = setInterval(() => {
      renewLease(db, job.name, instanceId, leaseMs)
        .then((held) => (held ? undefined : console.error(`[jobs] ${job.name}: lease lost; another instance may run it now`)))
        .catch(() => undefined);
    }, leaseMs / 3);
    heartbeat.unref();
    let finish: { next: NextRun; lastError: string | null; lastResult: Record<string, unknown> | null };
    try {
      const atStartup = job.runOnStart && !ranHere.has(job.name) && !row.requestedBy;
      ranHere.add(job.name);
      const outcome = await job.run({ db, requestedBy: row.requestedBy, atStartup });
      const more = Boolean(outcome.more) || wokenWhileRunning.has(job.name);
      finish = { next: afterSuccess(job, more), lastError: null, lastResult: outcome.summary };
    } catch (error) {
      finish = { next: afterFailure(job, row.attempts), lastError: describeFailure(job.name, error), lastResult: null };
    } finally {
      clearInterval(heartbeat);
      wokenWhileRunning.delete(job.name);
    }
    // If this write fails (database gone), the lease runs out and the job is simply due again.
    await finishJob(db, job.name, instanceId, finish).catch((error: unknown) => console.error(`[jobs] ${job.name}: could not record the run:`, error));
    if (finish.next.runAfterMs === 0) schedulePoll(0);
  }

  async function claimAll(): Promise<string[]> {
    const started: string[] = [];
    while (!stopped) {
      const names = [...byName.keys()].filter((name) => !running.has(name));
      const wake = [...woken].filter((name) => names.includes(name));
      woken.clear();
      const row = await claimDueJob(db, { names, instanceId, leaseMs, woken: wake });
      if (!row) break;
      started.push(row.name);
      const run = execute(row).finally(() => running.delete(row.name));
      running.set(row.name, run);
    }
    return started;
  }

  function poll(): Promise<string[]> {
    if (polling) {
      pollAgain = true;
      return polling;
    }
    polling = claimAll()
      .then((started) => {
        lastPollError = "";
        return started;
      })
      .catch((error: unknown) => {
        const message = (error as Error).message;
        if (message !== lastPollError) console.error("[jobs] cannot read the jobs table:", message);
        lastPollError = message;
        return [];
      })
      .finally(() => {
        polling = null;
        if (pollAgain && !stopped) {
          pollAgain = false;
          schedulePoll(0);
        }
      });
    return polling;
  }

  /** Arms the next poll, unless one is already armed to come sooner: a wake is never postponed by the periodic re-arm. */
  function schedulePoll(delayMs: number) {
    if (stopped) return;
    const at = Date.now() + delayMs;
    if (timer && timerAt <= at) return;
    clearTimeout(timer);
    timerAt = at;
    immediate = delayMs === 0;
    timer = setTimeout(() => {
      timer = undefined;
      immediate = false;
      void poll().finally(() => schedulePoll(pollMs));
    }, delayMs);
    timer.unref();
  }

  function onWake(name: string) {
    if (!byName.has(name) || stopped) return;
    if (running.has(name)) wokenWhileRunning.add(name);
    else woken.add(name);
    // Many wakes in one tick (an audit row per change) make one poll.
    if (woken.size > 0) schedulePoll(0);
  }

  return {
    instanceId,
    async start() {
      if (!stopped) return;
      await registerJobs(db, jobs);
      stopped = false;
      unsubscribe = onJobWake(onWake);
      schedulePoll(0);
    },
    poll,
    async idle() {
      for (;;) {
        if (running.size > 0) await Promise.allSettled([...running.values()]);
        else if (polling) await polling;
        // Timers of equal delay fire in order: this one after the armed poll.
        else if (immediate && !stopped) await new Promise((resolve) => setTimeout(resolve, 0));
        else return;
      }
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
      await polling;
      while (running.size > 0) await Promise.allSettled([...running.values()]);
    },
  };
}
