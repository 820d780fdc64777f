/**
 * The apply side of the webhook run, read from the database once the queue has drained: how many
 * of the posted events became sessions, when the last one was applied (its session's
 * last_synced_at, stamped by the apply), and how many receipts are still queued or failed.
 */
import type { WebhookBench } from "./webhooks";

type Query = <T>(text: string, params?: unknown[]) => Promise<{ rows: T[] }>;

export type ApplyRate = { events: number; applied: number; queued: number; failed: number; seconds: number; perSecond: number };

const time = (value: unknown) => (value instanceof Date ? value.getTime() : typeof value === "string" ? Date.parse(value) : NaN);

export async function applyRate(query: Query, webhooks: WebhookBench): Promise<ApplyRate> {
  const {
    rows: [sessions],
  } = await query<{ applied: number; last: unknown }>(
    `select count(*)::int applied, max(last_synced_at) last from verification_sessions where provider = 'didit' and provider_session_id = any($1::text[])`,
    [webhooks.providerSessionIds],
  );
  const {
    rows: [receipts],
  } = await query<{ queued: number; failed: number }>(
    `select count(*) filter (where outcome = 'queued')::int queued, count(*) filter (where outcome in ('quarantined', 'failed'))::int failed
     from webhook_receipts where provider = 'didit' and received_at >= $1`,
    [new Date(webhooks.startedAt - 50)],
  );
  const seconds = (time(sessions!.last) - webhooks.startedAt) / 1000;
  const applied = sessions!.applied;
  return {
    events: webhooks.providerSessionIds.length,
    applied,
    queued: receipts!.queued,
    failed: receipts!.failed,
    seconds,
    perSecond: seconds > 0 ? applied / seconds : NaN,
  };
}
