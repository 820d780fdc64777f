import "server-only";
import type { Database } from "@/db/client";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { getProviderAdapter } from "@/lib/providers/registry";
import { ingestWebhook } from "./ingest";
import { queueIsFull } from "./queue-depth";
import { BodyTooLargeError, readLimitedBody } from "./read-body";

const answer = (body: Record<string, unknown>, status = 200, headers?: HeadersInit): Response => Response.json(body, { status, headers });

/**
 * How long a provider is asked to wait when the queue is full. Providers that honour Retry-After
 * come back after it; the others retry on their own schedule, which is as good: nothing was stored.
 */
const BUSY_RETRY_AFTER_SECONDS = 30;

/**
 * One webhook delivery from the provider's HTTP request to the answer it gets: read the body
 * (bounded), ingest it (lib/webhooks/ingest.ts: verify, parse, queue), and word the status code.
 * The provider's signature is the credential, checked over the raw bytes before anything is
 * stored. The event is applied by the webhooks.apply job, not in this request.
 */
export async function receiveWebhook(request: Request, provider: string): Promise<Response> {
  const adapter = getProviderAdapter(provider);
  if (!adapter?.webhook) return answer({ error: "Unknown or unconfigured provider" }, 404);
  const env = getEnv();
  // Before anything else, so that a storm beyond the bound costs no body read, hash or write.
  // Nothing is stored: the provider delivers it again later (every provider retries a 5xx).
  let db: Database;
  try {
    db = await getDb();
    if (await queueIsFull(db, env.WEBHOOK_QUEUE_MAX)) {
      return answer({ error: "Too many events are waiting; deliver this one again later" }, 503, { "Retry-After": String(BUSY_RETRY_AFTER_SECONDS) });
    }
  } catch (error) {
    console.error(`[webhook] ${provider}: the database is unavailable`, error);
    return answer({ error: "Could not store the event" }, 500);
  }
  let body: Uint8Array;
  try {
    body = await readLimitedBody(request, env.WEBHOOK_MAX_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return answer({ error: "Body too large" }, 413);
    return answer({ error: "Could not read the body" }, 400);
  }
  try {
    const result = await ingestWebhook(db, adapter, body, request.headers);
    // Kept in the quarantine: a 5xx makes every provider deliver it again (Didit retries only on
    // 5xx and 404). Verdict's own parser message is for admins, never for the provider.
    if (result.httpStatus === 503) return answer({ error: "The event could not be processed yet" }, 503);
    if (result.httpStatus !== 200) return answer({ error: result.error }, result.httpStatus);
    return answer({ ok: true, outcome: result.outcome });
  } catch (error) {
    // A 5xx makes the provider deliver again later; nothing was stored.
    console.error(`[webhook] ${provider}: failed to store the event`, error);
    return answer({ error: "Could not store the event" }, 500);
  }
}
