import "server-only";
import { and, eq, or, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { webhookReceipts } from "@/db/schema";

const MIN_SEARCHED_ID_BYTES = 8;

type SessionRef = { provider: string; providerSessionId: string };

/**
 * Redaction's part in the queue and the quarantine: blanks every queued and every unresolved
 * quarantined body of the provider that names the session, and closes it (nothing is left to
 * apply or replay).
 *
 * A body that parsed but did not apply carries the session id in its row. One that did not
 * parse has no known session, so its raw bytes are searched for the provider's session id as
 * written. The limit: a body that names the session only in another form (escaped, encoded, or
 * not at all, e.g. by the applicant's reference alone) is not found here and keeps its data until
 * an admin replays it after the parser fix (and redaction of the applied copy then follows the
 * session) or the row is deleted by hand. Resolved rows hold no raw body any more.
 */
export async function wipeQuarantinedBodies(tx: Transaction, session: SessionRef): Promise<void> {
  // Queued events of the session carry its personal data too: closed unapplied, like the quarantine.
  // The price: a status event that was still waiting is not applied (the next sync or event brings it).
  await tx
    .update(webhookReceipts)
    .set({ rawBody: null, headers: null, outcome: "redacted", resolvedAt: new Date() })
    .where(
      and(eq(webhookReceipts.provider, session.provider), eq(webhookReceipts.outcome, "queued"), eq(webhookReceipts.providerSessionId, session.providerSessionId)),
    );
  const id = Buffer.from(session.providerSessionId, "utf8");
  // An id this short would match bodies by chance (an empty one, every body).
  const searchBodies = id.byteLength >= MIN_SEARCHED_ID_BYTES;
  await tx
    .update(webhookReceipts)
    .set({ rawBody: null, headers: null, outcome: "redacted", resolvedAt: new Date() })
    .where(
      and(
        eq(webhookReceipts.provider, session.provider),
        eq(webhookReceipts.outcome, "quarantined"),
        searchBodies
          ? or(eq(webhookReceipts.providerSessionId, session.providerSessionId), sql`position(${id}::bytea in ${webhookReceipts.rawBody}) > 0`)
          : eq(webhookReceipts.providerSessionId, session.providerSessionId),
      ),
    );
}
