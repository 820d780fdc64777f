import "server-only";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { getProviderAdapter } from "@/lib/providers/registry";
import { refreshSession } from "@/lib/sync/refresh-session";
import { ingestWebhook } from "./ingest";
import { BodyTooLargeError, readLimitedBody } from "./read-body";

export type Received = {
  response: Response;
  /** The full re-read of a session the event only named: run it after the answer is sent. */
  followUp?: () => Promise<void>;
};

const answer = (body: Record<string, unknown>, status = 200): Received => ({ response: Response.json(body, { status }) });

/**
 * One webhook delivery from the provider's HTTP request to the answer it gets: read the body
 * (bounded), ingest it (lib/webhooks/ingest.ts), and word the status code. The provider's
 * signature is the credential, checked over the raw bytes before anything is stored.
 */
export async function receiveWebhook(request: Request, provider: string): Promise<Received> {
  const adapter = getProviderAdapter(provider);
  if (!adapter?.webhook) return answer({ error: "Unknown or unconfigured provider" }, 404);
  let body: Uint8Array;
  try {
    body = await readLimitedBody(request, getEnv().WEBHOOK_MAX_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return answer({ error: "Body too large" }, 413);
    return answer({ error: "Could not read the body" }, 400);
  }
  try {
    const db = await getDb();
    const result = await ingestWebhook(db, adapter, body, request.headers);
    // Kept in the quarantine: a 5xx makes every provider deliver it again (Didit retries only on
    // 5xx and 404). Verdict's own parser message is for admins, never for the provider.
    if (result.httpStatus === 503) return answer({ error: "The event could not be processed yet" }, 503);
    if (result.httpStatus !== 200) return answer({ error: result.error }, result.httpStatus);
    const { needsRefresh, outcome, providerSessionId } = result;
    const received = answer({ ok: true, outcome });
    if (needsRefresh && providerSessionId) received.followUp = () => refreshSession(db, adapter, providerSessionId);
    return received;
  } catch (error) {
    // A 5xx makes the provider deliver again later; nothing half-applied was committed.
    console.error(`[webhook] ${provider}: failed to apply`, error);
    return answer({ error: "Could not apply the event" }, 500);
  }
}
