import "server-only";
import { SSE_EVENT_READY, SSE_EVENT_RESYNC, SSE_EVENT_SESSIONS } from "./event";
import type { LiveMessage } from "./hub";

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  // no-transform also keeps Next's gzip from buffering the stream.
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
} as const;

export type EventStreamOptions = {
  subscribe: (onMessage: (message: LiveMessage) => void) => Promise<() => void>;
  /** The request's signal: aborted when the browser goes away. */
  signal: AbortSignal;
  heartbeatMs?: number;
  retryMs?: number;
  /**
   * The stream ends after this long and the browser reconnects (with Last-Event-ID, so nothing
   * is lost): each reconnect passes the sign-in and permission check again, so a deactivated
   * user or a revoked role stops receiving events within this time.
   */
  maxLifetimeMs?: number;
  /** Chunks a client may leave unread before it is dropped (it reconnects and catches up). */
  maxQueued?: number;
};

export const HEARTBEAT_MS = 25_000;
export const RETRY_MS = 3_000;
export const MAX_LIFETIME_MS = 5 * 60_000;

export function formatMessage(message: LiveMessage): string {
  switch (message.type) {
    case "sessions":
      return `id: ${message.id}\nevent: ${SSE_EVENT_SESSIONS}\ndata: ${JSON.stringify(message.event)}\n\n`;
    case "resync":
      return `id: ${message.id}\nevent: ${SSE_EVENT_RESYNC}\ndata: {}\n\n`;
    case "ready":
      return `id: ${message.id}\nevent: ${SSE_EVENT_READY}\ndata: {}\n\n`;
  }
}

/**
 * A server-sent events body fed by a live subscription. Resolves once subscribed (rejects if
 * the subscription cannot be made, so the caller can answer 503); unsubscribes and stops its
 * timers when the browser disconnects, the stream is cancelled, or its lifetime ends.
 */
export async function openEventStream(options: EventStreamOptions): Promise<ReadableStream<Uint8Array>> {
  const { signal, heartbeatMs = HEARTBEAT_MS, retryMs = RETRY_MS, maxLifetimeMs = MAX_LIFETIME_MS, maxQueued = 200 } = options;
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let stopped = false;
  let unsubscribe = () => {};
  const timers: NodeJS.Timeout[] = [];

  const stop = () => {
    if (stopped) return;
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
    signal.removeEventListener("abort", stop);
    unsubscribe();
    try {
      controller.close();
    } catch {
      // Already closed or cancelled by the reader.
    }
  };
  const send = (text: string) => {
    if (stopped) return;
    if ((controller.desiredSize ?? 0) < -maxQueued) return stop();
    controller.enqueue(encoder.encode(text));
  };

  const stream = new ReadableStream<Uint8Array>({
    start: (c) => void (controller = c),
    cancel: stop,
  });
  signal.addEventListener("abort", stop, { once: true });
  if (signal.aborted) stop();
  send(`retry: ${retryMs}\n\n`);
  if (stopped) return stream;
  try {
    const release = await options.subscribe((message) => send(formatMessage(message)));
    if (stopped) release();
    else unsubscribe = release;
  } catch (error) {
    stop();
    throw error;
  }
  if (!stopped) {
    timers.push(setInterval(() => send(": ping\n\n"), heartbeatMs));
    timers.push(setTimeout(stop, maxLifetimeMs));
  }
  return stream;
}
