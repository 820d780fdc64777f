import "server-only";
import { AUDIT_SEAL_JOB } from "@/lib/audit/append";
import { sealAuditChain } from "@/lib/audit/seal";
import { outboundJob } from "@/lib/outbound/worker";
import { foldStatusCounts } from "@/lib/sessions/fold-status-counts";
import { reconcileJob } from "@/lib/review/reconcile-schedule";
import { syncJobs } from "@/lib/sync/schedule";
import { applyQueuedWebhooks } from "@/lib/webhooks/apply-queue";
import type { JobDefinition } from "./types";

/** Fast jobs that fall behind under load: a failure retries after 1 s, doubling up to a minute. */
const FAST_RETRY = { backoffMs: 1_000, maxBackoffMs: 60_000, maxAttempts: null } as const;

/** Chains the audit rows appended since the last run (lib/audit/seal.ts); appends wake it. */
const auditSeal: JobDefinition = {
  name: AUDIT_SEAL_JOB,
  everyMs: 250,
  runOnStart: true,
  ...FAST_RETRY,
  run: async ({ db }) => {
    const { sealed, remaining } = await sealAuditChain(db, { limit: 1000 });
    return { summary: { sealed }, more: remaining };
  },
};

/** Applies the webhooks the intake stored (lib/webhooks/apply-queue.ts); the intake wakes it. */
const webhooksApply: JobDefinition = {
  name: "webhooks.apply",
  everyMs: 500,
  runOnStart: true,
  ...FAST_RETRY,
  run: async ({ db }) => {
    const { applied, failed, remaining } = await applyQueuedWebhooks(db, { limit: 200 });
    return { summary: { applied, failed }, more: remaining };
  },
};

/** Folds the status counters' per-transaction rows (lib/sessions/fold-status-counts.ts). */
const countsFold: JobDefinition = {
  name: "counts.fold",
  everyMs: 5_000,
  runOnStart: false,
  ...FAST_RETRY,
  run: async ({ db }) => ({ summary: await foldStatusCounts(db) }),
};

/**
 * Every background job of this instance. Adding one (issue 14's retention) is one more entry:
 * a name, a schedule, a retry policy and a run; the runner, the admin page and "Run now" need
 * nothing else.
 */
export function registeredJobs(driver: "pglite" | "postgres"): JobDefinition[] {
  const outbound = outboundJob();
  return [auditSeal, webhooksApply, countsFold, reconcileJob(driver), ...(outbound ? [outbound] : []), ...syncJobs()];
}
