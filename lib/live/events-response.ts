import "server-only";
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
  try {
    const hub = await getLiveHub();
    const stream = await openEventStream({
      signal: request.signal,
      subscribe: (onMessage) => hub.subscribe(onMessage, lastEventId),
    });
    return new Response(stream, { headers: SSE_HEADERS });
  } catch (error) {
    console.error("[live] cannot open the event stream:", error);
    return Response.json({ error: "Live updates are unavailable; retry shortly" }, { status: 503, headers: { "retry-after": "5" } });
  }
}
