import { describe, expect, it } from "vitest";
import { afterFailure, afterSuccess, retryDelayMs } from "@/lib/jobs/backoff";

const sync = { backoffMs: 15_000, maxBackoffMs: 1_800_000 };

describe("job retry delays", () => {
  it("waits 15 s after the first failure, doubling each time, up to the cap (the sync schedule's rule)", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((attempts) => retryDelayMs(sync, attempts))).toEqual([
      15_000, 30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_800_000,
    ]);
    expect(retryDelayMs(sync, 500)).toBe(1_800_000);
  });

  it("never waits longer than the cap, even when the cap is below the first delay", () => {
    expect(retryDelayMs({ backoffMs: 15_000, maxBackoffMs: 5_000 }, 1)).toBe(5_000);
  });
});

describe("the next run after a run", () => {
  it("a periodic job runs again one period on, or at once when it left work", () => {
    expect(afterSuccess({ everyMs: 250 }, false)).toEqual({ state: "idle", attempts: 0, runAfterMs: 250 });
    expect(afterSuccess({ everyMs: 250 }, true)).toEqual({ state: "queued", attempts: 0, runAfterMs: 0 });
  });

  it("an on-demand job is not scheduled again after it succeeded", () => {
    expect(afterSuccess({ everyMs: null }, false)).toEqual({ state: "idle", attempts: 0, runAfterMs: null });
  });

  it("a periodic job keeps retrying with growing delays and shows failed, past any attempt limit", () => {
    const policy = { everyMs: 300_000, ...sync, maxAttempts: 3 };
    expect(afterFailure(policy, 0)).toEqual({ state: "failed", attempts: 1, runAfterMs: 15_000 });
    expect(afterFailure(policy, 1)).toEqual({ state: "failed", attempts: 2, runAfterMs: 30_000 });
    expect(afterFailure(policy, 9)).toEqual({ state: "failed", attempts: 10, runAfterMs: 1_800_000 });
  });

  it("an on-demand job shows failed and retries itself until its last attempt, then waits for someone to retry it", () => {
    const policy = { everyMs: null, backoffMs: 1_000, maxBackoffMs: 60_000, maxAttempts: 3 };
    expect(afterFailure(policy, 0)).toEqual({ state: "failed", attempts: 1, runAfterMs: 1_000 });
    expect(afterFailure(policy, 1)).toEqual({ state: "failed", attempts: 2, runAfterMs: 2_000 });
    expect(afterFailure(policy, 2)).toEqual({ state: "failed", attempts: 3, runAfterMs: null });
  });

  it("an on-demand job without an attempt limit retries for ever", () => {
    expect(afterFailure({ everyMs: null, ...sync, maxAttempts: null }, 40)).toEqual({ state: "failed", attempts: 41, runAfterMs: 1_800_000 });
  });
});
