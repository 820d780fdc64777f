import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rowsOf } from "@/db/rows";

/**
 * How many webhooks wait in the queue, as far as intake needs to know: whether it is deeper than
 * WEBHOOK_QUEUE_MAX. Counting the table per request would cost more than the request itself, so
 * each process keeps a figure per database, refreshed by a count capped at the bound (an index
 * range on the partial `queued` index, at most every REFRESH_MS) and raised by every receipt this
 * process queues. Another instance's receipts are seen
 * at the next refresh: the bound is approximate by up to REFRESH_MS of intake, which is what a
 * bound for backpressure needs.
 */
const REFRESH_MS = 500;

type Figure = { depth: number; at: number; refreshing: Promise<void> | null };

const figures = new WeakMap<Database, Figure>();

async function countCapped(db: Database, cap: number): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from (select 1 from webhook_receipts where outcome = 'queued' limit ${cap}) as waiting`),
  );
  return Number(row?.n ?? 0);
}

function refresh(db: Database, figure: Figure, cap: number): Promise<void> {
  figure.refreshing ??= countCapped(db, cap)
    .then((depth) => {
      figure.depth = depth;
      figure.at = Date.now();
    })
    .finally(() => {
      figure.refreshing = null;
    });
  return figure.refreshing;
}

/** Whether the queue holds at least `max` receipts. Waits for a count only the first time. */
export async function queueIsFull(db: Database, max: number): Promise<boolean> {
  let figure = figures.get(db);
  if (!figure) {
    figure = { depth: 0, at: 0, refreshing: null };
    figures.set(db, figure);
    await refresh(db, figure, max);
  } else if (Date.now() - figure.at > REFRESH_MS) {
    // The answer must not wait for the count: it uses the last figure, a little old at worst.
    refresh(db, figure, max).catch((error: Error) => console.warn(`[webhook] could not read the queue depth: ${error.message}`));
  }
  return figure.depth >= max;
}

/** This process queued one more. */
export function countQueued(db: Database): void {
  const figure = figures.get(db);
  if (figure) figure.depth += 1;
}
