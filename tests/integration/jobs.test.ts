import { and, eq, isNotNull, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type Database, type DatabaseHandle } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { auditEvents, jobs } from "@/db/schema";
import { requestJobRun } from "@/lib/jobs/request";
import { createJobRunner, type JobRunner } from "@/lib/jobs/runner";
import { claimDueJob, finishJob, registerJobs } from "@/lib/jobs/store";
import { JobFailure, type JobDefinition, type JobRunContext } from "@/lib/jobs/types";
import { wakeJob } from "@/lib/jobs/wake";
import { createTestDatabase } from "../helpers/db";

/**
 * The job runner on the real database: two runners stand for two app instances (on PostgreSQL
 * each has its own pool; PGlite has one connection, so they share it as two instances of the
 * embedded database would have to). The runners never poll on a timer here (an hour), only when
 * the test asks, when woken, or when a run left work, so every step is deterministic.
 */

let handle: DatabaseHandle;
let other: { db: Database; close: () => Promise<void> };
const runners: JobRunner[] = [];

async function secondConnection(): Promise<{ db: Database; close: () => Promise<void> }> {
  if (!process.env.DATABASE_URL) return { db: handle.db, close: async () => {} };
  const [row] = rowsOf<{ name: string }>(await handle.db.execute(sql`select current_database() as name`));
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${row!.name}`;
  return openDatabase({ databaseUrl: url.toString() });
}

beforeAll(async () => {
  handle = await createTestDatabase();
  other = await secondConnection();
});

afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.stop()));
});

afterAll(async () => {
  await other.close();
  await handle.close();
});

function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

function testJob(name: string, run: JobDefinition["run"], policy: Partial<JobDefinition> = {}): JobDefinition {
  return { name, everyMs: 3_600_000, runOnStart: true, backoffMs: 60_000, maxBackoffMs: 240_000, maxAttempts: null, run, ...policy };
}

async function startRunner(db: Database, instanceId: string, definitions: JobDefinition[], leaseMs = 60_000): Promise<JobRunner> {
  const runner = createJobRunner({ db, jobs: definitions, instanceId, pollMs: 3_600_000, leaseMs });
  runners.push(runner);
  await runner.start();
  return runner;
}

const jobRow = async (name: string) => (await handle.db.select().from(jobs).where(eq(jobs.name, name)))[0]!;
/** Time passing, without waiting for it: the job's next run is due now. */
const makeDue = (name: string) =>
  handle.db
    .update(jobs)
    .set({ runAt: sql`now()` })
    .where(and(eq(jobs.name, name), isNotNull(jobs.runAt)));
const backoffSeconds = async (name: string) =>
  Number(rowsOf<{ s: string }>(await handle.db.execute(sql`select extract(epoch from run_at - last_finished_at)::text as s from jobs where name = ${name}`))[0]!.s);

describe("two instances, one job", () => {
  it("runs a due job once however many runners poll for it at the same moment, and once more per due time", async () => {
    let runs = 0;
    const release = gate();
    const job = () =>
      testJob("test.race", async () => {
        runs += 1;
        await release.opened;
        return { summary: { runs } };
      });
    const a = await startRunner(handle.db, "instance-a", [job()]);
    const b = await startRunner(other.db, "instance-b", [job()]);
    const claimed = (await Promise.all([a.poll(), b.poll(), a.poll(), b.poll()])).flat();
    await vi.waitFor(() => expect(runs).toBe(1));
    expect(new Set(claimed).size).toBeLessThanOrEqual(1);
    // While it runs, neither instance starts it again.
    expect([...(await a.poll()), ...(await b.poll())]).toEqual([]);
    release.open();
    await Promise.all([a.idle(), b.idle()]);
    expect(runs).toBe(1);
    expect(await jobRow("test.race")).toMatchObject({ state: "idle", lockedBy: null, attempts: 0, lastResult: { runs: 1 } });

    // Not due again until its period has passed.
    expect([...(await a.poll()), ...(await b.poll())]).toEqual([]);
    for (let dueTime = 2; dueTime <= 12; dueTime++) {
      await makeDue("test.race");
      await Promise.all([a.poll(), b.poll(), a.poll(), b.poll()]);
      await Promise.all([a.idle(), b.idle()]);
      expect(runs).toBe(dueTime);
    }
  });

  it("takes over a job whose instance died mid-run once its lease has run out, and ignores the dead instance's late finish", async () => {
    let runs = 0;
    const definition = testJob("test.lease", async () => {
      runs += 1;
      return { summary: { by: "instance-b" } };
    });
    await registerJobs(handle.db, [definition]);
    // The instance that dies: it claims the job, then never renews the lease nor finishes.
    expect(await claimDueJob(handle.db, { names: ["test.lease"], instanceId: "instance-dead", leaseMs: 3_600_000 })).toMatchObject({ lockedBy: "instance-dead" });
    const b = await startRunner(other.db, "instance-b", [definition]);
    await b.idle();
    expect(await b.poll()).toEqual([]);
    expect(runs).toBe(0);

    await handle.db
      .update(jobs)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(jobs.name, "test.lease"));
    expect(await b.poll()).toEqual(["test.lease"]);
    await b.idle();
    expect(runs).toBe(1);
    const late = await finishJob(handle.db, "test.lease", "instance-dead", {
      next: { state: "failed", attempts: 7, runAfterMs: 0 },
      lastError: "late",
      lastResult: null,
    });
    expect(late).toBe(false);
    expect(await jobRow("test.lease")).toMatchObject({ state: "idle", attempts: 0, lockedBy: null, lastError: null, lastResult: { by: "instance-b" } });
  });

  it("takes back at once a job still leased to this instance whose finish was never recorded (the database went away)", async () => {
    let runs = 0;
    const definition = testJob("test.orphan", async () => {
      runs += 1;
      return { summary: {} };
    });
    await registerJobs(handle.db, [definition]);
    // A claim by instance-a whose run ended while its finish could not be written.
    await claimDueJob(handle.db, { names: ["test.orphan"], instanceId: "instance-a", leaseMs: 3_600_000 });
    const b = await startRunner(other.db, "instance-b", [definition]);
    await b.idle();
    expect(runs).toBe(0);
    const a = await startRunner(handle.db, "instance-a", [definition]);
    await a.idle();
    expect(runs).toBe(1);
    expect(await jobRow("test.orphan")).toMatchObject({ state: "idle", lockedBy: null });
  });

  it("renews the lease while a long run goes on, so the other instance does not start it", async () => {
    const release = gate();
    const definition = testJob("test.heartbeat", async () => {
      await release.opened;
      return { summary: {} };
    });
    const a = await startRunner(handle.db, "instance-a", [definition], 3_000);
    const b = await startRunner(other.db, "instance-b", [definition], 3_000);
    await vi.waitFor(async () => expect((await jobRow("test.heartbeat")).state).toBe("running"));
    const leasedUntil = (await jobRow("test.heartbeat")).lockedUntil!.getTime();
    await vi.waitFor(async () => expect((await jobRow("test.heartbeat")).lockedUntil!.getTime()).toBeGreaterThan(leasedUntil), { timeout: 10_000, interval: 200 });
    expect([...(await a.poll()), ...(await b.poll())]).toEqual([]);
    release.open();
    await Promise.all([a.idle(), b.idle()]);
    expect(await jobRow("test.heartbeat")).toMatchObject({ state: "idle", lockedBy: null });
  });
});

describe("failures", () => {
  it("backs off a failing job (doubling, capped) and shows failed with Verdict's own words", async () => {
    const definition = testJob("test.failing", async () => {
      throw new JobFailure("The provider refused the API key.");
    });
    const a = await startRunner(handle.db, "instance-a", [definition]);
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      if (attempt > 1) await makeDue("test.failing");
      await a.poll();
      await a.idle();
      delays.push(await backoffSeconds("test.failing"));
    }
    expect(delays).toEqual([60, 120, 240, 240]);
    expect(await jobRow("test.failing")).toMatchObject({ state: "failed", attempts: 4, lastError: "The provider refused the API key.", lastResult: null });
  });

  it("never shows a raw error message: it may hold SQL or personal data", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const definition = testJob("test.raw-error", async () => {
      throw new Error('duplicate key value violates unique constraint "users_email" (email)=(jane@example.com)');
    });
    const a = await startRunner(handle.db, "instance-a", [definition]);
    await a.idle();
    await vi.waitFor(async () => expect((await jobRow("test.raw-error")).state).toBe("failed"));
    spy.mockRestore();
    const row = await jobRow("test.raw-error");
    expect(row.lastError).toBe("Unexpected error in test.raw-error (see the server log).");
    expect(JSON.stringify(row)).not.toContain("jane@example.com");
  });

  it("stops retrying an on-demand job after its last attempt; a retry gives it a fresh set", async () => {
    let runs = 0;
    const definition = testJob(
      "test.on-demand",
      async () => {
        runs += 1;
        throw new JobFailure("Still down.");
      },
      { everyMs: null, runOnStart: false, maxAttempts: 2 },
    );
    const a = await startRunner(handle.db, "instance-a", [definition]);
    expect(await a.poll()).toEqual([]);
    expect(await jobRow("test.on-demand")).toMatchObject({ state: "idle", runAt: null });
    await requestJobRun(handle.db, { name: "test.on-demand", actor: { id: null, label: "test" } });
    for (let attempt = 1; attempt <= 3; attempt++) {
      if (attempt > 1) await makeDue("test.on-demand");
      await a.poll();
      await a.idle();
    }
    expect(runs).toBe(2);
    expect(await jobRow("test.on-demand")).toMatchObject({ state: "failed", attempts: 2, runAt: null, lastError: "Still down." });
  });
});

describe("run now, wake and shutdown", () => {
  it("an admin's run-now queues the job, audits the request, and the job runs for that admin", async () => {
    const seen: JobRunContext["requestedBy"][] = [];
    const definition = testJob("test.run-now", async ({ requestedBy }) => {
      seen.push(requestedBy);
      return { summary: { ok: true } };
    });
    const a = await startRunner(handle.db, "instance-a", [definition]);
    await a.idle();
    expect(seen).toEqual([null]);
    const admin = { id: null, label: "admin@example.test" };
    await expect(requestJobRun(handle.db, { name: "test.run-now", actor: admin })).resolves.toEqual({ name: "test.run-now", state: "queued" });
    // The request woke this instance's runner: no poll needed.
    await vi.waitFor(() => expect(seen).toEqual([null, admin]));
    await a.idle();
    expect(await jobRow("test.run-now")).toMatchObject({ state: "idle", requestedBy: null, lastResult: { ok: true } });
    const audits = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "job.run_requested"), eq(auditEvents.targetId, "test.run-now")));
    expect(audits).toHaveLength(1);
    const [audit] = audits;
    expect(audit).toMatchObject({ actorLabel: "admin@example.test", targetType: "job", targetId: "test.run-now", details: { previousState: "idle", attempts: 0 } });
    await expect(requestJobRun(handle.db, { name: "test.no-such-job", actor: admin })).rejects.toThrow("There is no such job.");
  });

  it("refuses run-now while the job is running", async () => {
    const release = gate();
    const definition = testJob("test.busy", async () => {
      await release.opened;
      return { summary: {} };
    });
    const a = await startRunner(handle.db, "instance-a", [definition]);
    await vi.waitFor(async () => expect((await jobRow("test.busy")).state).toBe("running"));
    await expect(requestJobRun(handle.db, { name: "test.busy", actor: { id: null, label: "admin" } })).rejects.toThrow(/running now/);
    release.open();
    await a.idle();
  });

  it("a wake runs a job ahead of its schedule", async () => {
    let runs = 0;
    const definition = testJob("test.wake", async () => {
      runs += 1;
      return { summary: {} };
    });
    const a = await startRunner(handle.db, "instance-a", [definition]);
    await vi.waitFor(() => expect(runs).toBe(1));
    await a.idle();
    expect(await a.poll()).toEqual([]);
    wakeJob("test.wake");
    await vi.waitFor(() => expect(runs).toBe(2));
  });

  it("a wake that arrives while a poll is in flight is not lost", async () => {
    let runs = 0;
    const definition = testJob(
      "test.wake-in-flight",
      async () => {
        runs += 1;
        return { summary: {} };
      },
      { runOnStart: false },
    );
    const a = await startRunner(handle.db, "instance-a", [definition]);
    await a.idle();
    // Hold the jobs table so that the poll below stays in flight while the wake comes and its timer fires.
    const release = gate();
    const locked = gate();
    const holding = handle.db.transaction(async (tx) => {
      await tx.execute(sql`lock table jobs in access exclusive mode`);
      locked.open();
      await release.opened;
    });
    await locked.opened;
    const inFlight = a.poll();
    wakeJob("test.wake-in-flight");
    await new Promise((resolve) => setTimeout(resolve, 50));
    release.open();
    await holding;
    expect(await inFlight).toEqual([]);
    await vi.waitFor(() => expect(runs).toBe(1));
  });

  it("runs again at once while a run reports work left", async () => {
    let left = 3;
    const definition = testJob("test.more", async () => {
      left -= 1;
      return { summary: { left }, more: left > 0 };
    });
    const a = await startRunner(handle.db, "instance-a", [definition]);
    await vi.waitFor(() => expect(left).toBe(0));
    await a.idle();
    expect(await jobRow("test.more")).toMatchObject({ state: "idle", lastResult: { left: 0 } });
  });

  it("shutdown stops claiming and waits for the run in progress, which releases its lease", async () => {
    const release = gate();
    let finished = false;
    const definition = testJob("test.shutdown", async () => {
      await release.opened;
      finished = true;
      return { summary: { finished } };
    });
    const a = await startRunner(handle.db, "instance-a", [definition]);
    await vi.waitFor(async () => expect((await jobRow("test.shutdown")).state).toBe("running"));
    let stopped = false;
    const stopping = a.stop().then(() => (stopped = true));
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release.open();
    await stopping;
    expect(finished).toBe(true);
    expect(await jobRow("test.shutdown")).toMatchObject({ state: "idle", lockedBy: null, lastResult: { finished: true } });
    await makeDue("test.shutdown");
    expect(await a.poll()).toEqual([]);
  });
});
