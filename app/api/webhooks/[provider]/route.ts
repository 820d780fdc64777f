import { after } from "next/server";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { getProviderAdapter } from "@/lib/providers/registry";
import { refreshSession } from "@/lib/sync/refresh-session";
import { ingestWebhook } from "@/lib/webhooks/ingest";
import { BodyTooLargeError, readLimitedBody } from "@/lib/webhooks/read-body";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ provider: string }> };

/**
 * POST /api/webhooks/{didit|beltic|idenfy|bynn}. No session cookie here: the provider's
 * signature is the credential, checked over the raw bytes before anything is stored.
 */
export async function POST(request: Request, { params }: Context) {
  const { provider } = await params;
  const adapter = getProviderAdapter(provider);
  if (!adapter?.webhook) return Response.json({ error: "Unknown or unconfigured provider" }, { status: 404 });
  let body: Uint8Array;
  try {
    body = await readLimitedBody(request, getEnv().WEBHOOK_MAX_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return Response.json({ error: "Body too large" }, { status: 413 });
    return Response.json({ error: "Could not read the body" }, { status: 400 });
  }
  try {
    const db = await getDb();
    const result = await ingestWebhook(db, adapter, body, request.headers);
    // Kept in the quarantine: a 5xx makes every provider deliver it again (Didit retries only on
    // 5xx and 404). Verdict's own parser message is for admins, never for the provider.
    if (result.httpStatus === 503) return Response.json({ error: "The event could not be processed yet" }, { status: 503 });
    if (result.httpStatus !== 200) return Response.json({ error: result.error }, { status: result.httpStatus });
    const { needsRefresh, outcome, providerSessionId } = result;
    if (needsRefresh && providerSessionId) after(() => refreshSession(db, adapter, providerSessionId));
    return Response.json({ ok: true, outcome });
  } catch (error) {
    // A 5xx makes the provider deliver again later; nothing half-applied was committed.
    console.error(`[webhook] ${provider}: failed to apply`, error);
    return Response.json({ error: "Could not apply the event" }, { status: 500 });
  }
}
