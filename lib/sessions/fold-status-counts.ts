import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rowsOf } from "@/db/rows";

/**
 * The counts.fold job: moves the committed per-transaction rows of session_status_counts into
 * slot 0, in one statement, so readers see the same sums before and after and the table stays
 * a few hundred rows. Rows of transactions still open are invisible here and wait for the next
 * run. Only this job writes slot 0 (one instance at a time runs it), so it waits on nobody.
 */
export async function foldStatusCounts(db: Database): Promise<{ folded: number }> {
  const result = await db.execute(sql`
    with moved as (
      delete from session_status_counts where slot <> 0 returning provider, status, n
    ), summed as (
      insert into session_status_counts as c (provider, status, slot, n)
        select provider, status, 0, sum(n) from moved group by provider, status
      on conflict (provider, status, slot) do update set n = c.n + excluded.n
      returning 1
    )
    select (select count(*) from moved)::int as folded`);
  return { folded: rowsOf<{ folded: number }>(result)[0]?.folded ?? 0 };
}
