import "server-only";
import { isShuttingDown, shutdownSignal } from "@/lib/server/shutdown";
import { openEventStream, SSE_HEADERS } from "./event-stream";
import { getLiveHub } from "./process-hub";

/** EventSource sends Last-Event-ID on its own reconnects; a page that reopens the stream passes it in the query. */
function lastEventIdOf(request: Request): string | null {
  const value = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId");
  return value && value.length <= 64 ? value : null;
}

/** GET /api/events for a viewer already checked for `sessions:read`. */
export async function liveEventsResponse(request: Request): Promise<Response> {
  const lastEventId = lastEventIdOf(request);
  // A stopping server takes no new streams; the browser retries, reaching another instance.
  if (isShuttingDown()) return unavailable("Verdict is restarting; retry shortly");
  try {
    const hub = await getLiveHub();
    const stream = await openEventStream({
      // Ends when the browser goes away, or when the server stops (lib/server/shutdown.ts).
      signal: AbortSignal.any([request.signal, shutdownSignal()]),
      subscribe: (onMessage) => hub.subscribe(onMessage, lastEventId),
    });
    return new Response(stream, { headers: SSE_HEADERS });
  } catch (error) {
    console.error("[live] cannot open the event stream:", error);
    return unavailable("Live updates are unavailable; retry shortly");
  }
}

const unavailable = (error: string) => Response.json({ error }, { status: 503, headers: { "retry-after": "5" } });
